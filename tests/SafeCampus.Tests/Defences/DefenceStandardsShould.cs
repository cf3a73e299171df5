using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Defences;
using SafeCampus.Web.Tenancy;
using static SafeCampus.Tests.Defences.DefenceTestCity;

namespace SafeCampus.Tests.Defences;

/// <summary>A bureau configures its standards and due day; its schools are checked against them, others are not.</summary>
public sealed class DefenceStandardsShould(DefenceStandardsShould.Fixture app) : IClassFixture<DefenceStandardsShould.Fixture>
{
    public sealed class Fixture : DefenceCityFixture;

    private static Dictionary<string, string> Form(string dueDay, string wall, params string[] checks)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.DueDay"] = dueDay, ["Input.GuardsPerGate"] = "2", ["Input.LargeSchoolThreshold"] = "1500", ["Input.GuardPermille"] = "2",
            ["Input.BoardingGuardPermille"] = "3", ["Input.MinWallHeight"] = wall, ["Input.MinVideoDays"] = "60",
        };
        foreach (var check in checks)
        {
            fields[$"Input.Checks[{check}]"] = "true";
        }

        return fields;
    }

    [Fact]
    public async Task SaveABureausStandardsAndCheckItsSchoolsAgainstThem()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
            var officer = AppUser.ForBureau(app.City.CountyB, "b.web", "乙县", UserRole.BureauAdmin, DateTimeOffset.UtcNow);
            Assert.True((await users.CreateAsync(officer, TestUsers.Password)).Succeeded);
        }

        var client = await app.LoginAsync("b.web", TestUsers.Password);
        Assert.Contains("沿用上级", await client.GetStringAsync("/defences/standards"), StringComparison.Ordinal);

        var bad = await client.PostFormAsync("/defences/standards", "defence-standards", Form("31", "2", "Wall"));
        Assert.Contains("截止日须在每月1日至28日之间。", Forms.ErrorText(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var ok = await client.PostFormAsync("/defences/standards", "defence-standards", Form("20", "2.5", "Wall", "Video"));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        app.Clock.Set(China(11, 10));
        await using (var scope = await app.ScopeAsAsync("k1.director"))
        {
            var form = await scope.ServiceProvider.GetRequiredService<DefenceReturnService>().FormAsync(November);
            Assert.Equal(new DateOnly(2026, 11, 20), form.DueDate);
            Assert.Equal(DefenceCheck.Wall | DefenceCheck.Video, form.Standard.Evaluate(Compliant(), 340, false)); // 2.2 m < 2.5 m, 30 < 60 days
        }

        await using (var scope = await app.ScopeAsAsync("p1.director"))
        {
            var form = await scope.ServiceProvider.GetRequiredService<DefenceReturnService>().FormAsync(November);
            Assert.Equal(new DateOnly(2026, 11, 25), form.DueDate); // 甲县 keeps the defaults
        }
    }
}
