using SafeCampus.Web.Infrastructure.Scheduling;

namespace SafeCampus.Web.Features.Notifications;

public static class NotificationsSetup
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection("Email"));
        builder.Services.AddScoped<Notifier>();
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        builder.AddJob<EmailDispatchJob>("email-dispatch", "* * * * *", Scheduling.EmailQueue);
        return builder;
    }
}
