using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace SafeCampus.Web.Tenancy;

/// <summary>Sets the request's tenant scope from the authenticated user's claims.</summary>
public sealed class TenantScopeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantScope scope)
    {
        scope.SetFrom(context.User);
        return next(context);
    }
}

/// <summary>
/// Interactive circuits outlive the request that opened them, so their scope comes from the authentication
/// state (claims), never from HttpContext.
/// </summary>
public sealed class TenantCircuitHandler(AuthenticationStateProvider auth, TenantScope scope) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await auth.GetAuthenticationStateAsync();
        scope.SetFrom(state.User);
    }
}
