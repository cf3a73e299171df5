using SafeCampus.Web.Features.Drills.School;
using SafeCampus.Web.Features.Home;

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
        return builder;
    }

    public static WebApplication MapDrills(this WebApplication app)
    {
        app.MapDrillCalendar();
        return app;
    }
}
