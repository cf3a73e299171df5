using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Account;

public static class AccountEndpoints
{
    public static WebApplication MapAccount(this WebApplication app)
    {
        app.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            // Minimal APIs validate antiforgery only when they bind a form; a cross-site post must not sign anyone out.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });
        return app;
    }
}
