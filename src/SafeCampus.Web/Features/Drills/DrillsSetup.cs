using SafeCampus.Web.Features.Drills.Bureau;
using SafeCampus.Web.Features.Drills.School;
using SafeCampus.Web.Features.Home;
using SafeCampus.Web.Infrastructure.Scheduling;

namespace SafeCampus.Web.Features.Drills;

public static class DrillsSetup
{
    public static IHostApplicationBuilder AddDrills(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DrillSettings>();
        builder.Services.AddScoped<DrillService>();
        builder.Services.AddScoped<DrillSchoolQueries>();
        builder.Services.AddScoped<ITodoProvider, DrillTodos>();
        builder.Services.AddSingleton<DrillCalendarTokens>();

        // Bureau side: review, compliance matrix, settings, reminders, overview figures.
        builder.Services.AddScoped<DrillReviewQueries>();
        builder.Services.AddScoped<DrillComplianceReport>();
        builder.Services.AddScoped<DrillSettingsAdmin>();
        builder.Services.AddScoped<IHeadlineProvider, DrillHeadlines>();
        builder.AddJob<DrillReminderJob>("drill-reminders", "0 8 * * *");
        return builder;
    }

    public static WebApplication MapDrills(this WebApplication app)
    {
        app.MapDrillCalendar();
        app.MapDrillsBureau();
        return app;
    }
}
