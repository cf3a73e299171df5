using SafeCampus.Web.Features.Home;
using SafeCampus.Web.Infrastructure.Scheduling;

namespace SafeCampus.Web.Features.Defences;

public static class DefencesSetup
{
    public static IHostApplicationBuilder AddDefences(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DefenceReturnService>();
        builder.Services.AddSingleton<DefenceReturnStore>();
        builder.Services.AddScoped<DefenceSchoolQueries>();
        builder.Services.AddScoped<ITodoProvider, DefenceTodos>();
        builder.Services.AddScoped<IHeadlineProvider, DefenceHeadlines>();
        builder.Services.AddScoped<DefenceStatistics>();
        builder.Services.AddScoped<DefenceReports>();
        builder.Services.AddScoped<DefenceReportGenerator>();
        builder.Services.AddSingleton<DefenceReportSignal>();
        builder.Services.AddHostedService<DefenceReportWorker>();
        builder.AddJob<DefenceReminderJob>("defence-reminders", "0 8 * * *");
        return builder;
    }

    public static WebApplication MapDefences(this WebApplication app)
    {
        // After authentication, the tenant scope, antiforgery and durable submissions (UseWebUi), before the page.
        app.UseMiddleware<DefenceReturnFastPath>();
        app.MapDefencesExport();
        return app;
    }
}
