using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;

namespace SafeCampus.Web.Infrastructure.Web;

/// <summary>
/// A post to a page whose form is no longer there — "submit" sent again from a second tab after the return went to
/// the principal, a form left open while the bureau closed the month — gets a bare 400 from Blazor, a blank page on a
/// phone. Such a post, once it has passed the antiforgery check, is answered instead with a redirect to the page as it
/// is now, where the layout says why (<see cref="QueryKey"/>). Nothing was saved either way: the page never ran the
/// form's handler. A post that fails the antiforgery check still gets the 400.
/// </summary>
public sealed class StaleFormMiddleware(RequestDelegate next)
{
    public const string QueryKey = "stale";

    public async Task InvokeAsync(HttpContext http)
    {
        await next(http);
        if (http.Response.StatusCode == StatusCodes.Status400BadRequest && !http.Response.HasStarted
            && HttpMethods.IsPost(http.Request.Method)
            && http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true }
            && http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = $"{http.Request.PathBase}{http.Request.Path}?{QueryKey}=1";
        }
    }
}
