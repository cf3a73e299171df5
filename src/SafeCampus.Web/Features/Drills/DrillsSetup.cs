namespace SafeCampus.Web.Features.Drills;

public static class DrillsSetup
{
    public static IHostApplicationBuilder AddDrills(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DrillSettings>();
        builder.Services.AddScoped<DrillService>();
        return builder;
    }
}
