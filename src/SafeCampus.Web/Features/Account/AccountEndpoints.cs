using Microsoft.AspNetCore.Identity;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Account;

public static class AccountEndpoints
{
    public static WebApplication MapAccount(this WebApplication app)
    {
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });
        return app;
    }
}
