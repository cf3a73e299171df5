using System.Security.Claims;
using SafeCampus.Web.Infrastructure.Scheduling;

namespace SafeCampus.Web.Features.Notifications;

public static class NotificationsSetup
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection("Email"));
        builder.Services.AddScoped<Notifier>();
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        builder.AddJob<EmailDispatchJob>("email-dispatch", "0 * * * * ?");
        return builder;
    }

    public static WebApplication MapNotifications(this WebApplication app)
    {
        app.MapPost("/notifications/read", async (HttpContext http, Notifier notifier, Guid? id) =>
        {
            var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
            await notifier.MarkReadAsync(userId, id, http.RequestAborted);
            return Results.LocalRedirect("/notifications");
        });
        return app;
    }
}
