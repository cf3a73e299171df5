using SafeCampus.Web.Infrastructure.Scheduling;

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
        builder.Services.AddScoped<SelfCheckStatus>();
        builder.Services.AddScoped<HazardSettingsAdmin>();
        builder.Services.AddScoped<NoticeDocuments>();
        builder.Services.AddScoped<InspectionQueries>();
        builder.Services.AddScoped<CrossInspectionQueries>();
        builder.Services.AddScoped<CampaignService>();
        builder.Services.AddScoped<CampaignQueries>();
        builder.Services.AddScoped<Home.ITodoProvider, HazardTodos>();
        builder.Services.AddScoped<Home.IHeadlineProvider, HazardHeadlines>();
        builder.AddJob<HazardOverdueJob>("hazard-overdue", "30 7 * * *");
        return builder;
    }

    public static WebApplication MapHazards(this WebApplication app) => app.MapHazardEndpoints();
}
