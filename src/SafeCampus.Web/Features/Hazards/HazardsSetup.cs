namespace SafeCampus.Web.Features.Hazards;

public static class HazardsSetup
{
    public static IHostApplicationBuilder AddHazards(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<HazardRules>();
        builder.Services.AddScoped<HazardService>();
        builder.Services.AddScoped<SelfCheckService>();
        builder.Services.AddScoped<InspectionService>();
        builder.Services.AddScoped<HazardQueries>();
        return builder;
    }

    public static WebApplication MapHazards(this WebApplication app)
    {
        return app;
    }
}
