using SafeCampus.Web.Data.Seeding;
using SafeCampus.Web.Features.Home;

namespace SafeCampus.Web.Features.Organisation;

public static class OrganisationSetup
{
    public static IHostApplicationBuilder AddOrganisation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<IHeadlineProvider, OrganisationHeadlines>();
        builder.Services.AddScoped<ITodoProvider, SchoolProfileTodo>();
        builder.Services.AddScoped<Import.SchoolImporter>();
        return builder;
    }
}
