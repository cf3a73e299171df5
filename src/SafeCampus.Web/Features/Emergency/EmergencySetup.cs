namespace SafeCampus.Web.Features.Emergency;

public static class EmergencySetup
{
    public static IHostApplicationBuilder AddEmergency(this IHostApplicationBuilder builder)
    {
        builder.AddSms();
        builder.Services.AddScoped<EmergencyPeople>();
        builder.Services.AddScoped<WarningService>();
        builder.Services.AddScoped<WarningQueries>();
        builder.Services.AddScoped<IncidentService>();
        builder.Services.AddScoped<IncidentQueries>();
        builder.Services.AddScoped<ActivityService>();
        builder.Services.AddScoped<DutyService>();
        builder.Services.AddScoped<Home.ITodoProvider, EmergencyTodos>();
        builder.Services.AddScoped<Home.IHeadlineProvider, EmergencyHeadlines>();
        return builder;
    }

    public static WebApplication MapEmergency(this WebApplication app) => app.MapEmergencyEndpoints();
}
