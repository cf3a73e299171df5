using SafeCampus.Web.Data.Seeding;
using SafeCampus.Web.Features.Home;
using SafeCampus.Web.Features.Organisation.Bureaus;
using SafeCampus.Web.Features.Organisation.Districts;
using SafeCampus.Web.Features.Organisation.Schools;
using SafeCampus.Web.Features.Organisation.Users;

namespace SafeCampus.Web.Features.Organisation;

public static class OrganisationSetup
{
    public static IHostApplicationBuilder AddOrganisation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<IHeadlineProvider, OrganisationHeadlines>();
        builder.Services.AddScoped<ITodoProvider, SchoolProfileTodo>();
        builder.Services.AddScoped<Import.SchoolImporter>();
        builder.Services.AddScoped<OrgContext>();
        builder.Services.AddScoped<SchoolDirectory>();
        builder.Services.AddScoped<SchoolEditor>();
        builder.Services.AddScoped<DistrictService>();
        builder.Services.AddScoped<BureauService>();
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddScoped<Changes.OrganisationChanges>();
        builder.Services.AddSingleton<OneTimePasswordGenerator>();
        return builder;
    }
}
