using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Hazards;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Hazards;

/// <summary>The daily overdue job: school leads on the first day overdue, the county's officer after the alert days, each once.</summary>
public sealed class HazardOverdueJobShould(HazardFixture app) : IClassFixture<HazardFixture>
{
    private async Task<HazardOverdueResult> RunAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        return await scope.ServiceProvider.GetRequiredService<HazardOverdueJob>().RunAsync();
    }

    private async Task<List<string>> KeysAsync(Guid hazard)
    {
        await using var db = app.SystemContext();
        return await db.Notifications.Where(n => n.IdempotencyKey.Contains(hazard.ToString())).Select(n => n.IdempotencyKey).ToListAsync();
    }

    [Fact]
    public async Task NotifyTheSchoolOnceThenTheBureauAfterTheAlertDaysOnce()
    {
        app.Clock.Set(HazardFixture.Now);
        var id = await app.ReportAsync();
        await app.PlanAsync(id, deadline: HazardFixture.Today.AddDays(2));

        app.Clock.Set(HazardFixture.Now.AddDays(2));
        Assert.Equal(new HazardOverdueResult(0, 0), await RunAsync());
        Assert.Empty(await KeysAsync(id));

        app.Clock.Set(HazardFixture.Now.AddDays(3));
        var first = await RunAsync();
        Assert.Equal(2, first.SchoolNotices); // the principal and the safety director of 青山县第一中学
        Assert.Equal(0, first.BureauNotices);
        Assert.Equal(new HazardOverdueResult(0, 0), await RunAsync());

        app.Clock.Set(HazardFixture.Now.AddDays(2 + 3));
        Assert.Equal(new HazardOverdueResult(0, 1), await RunAsync()); // 青山县's safety officer, three days overdue
        app.Clock.Set(HazardFixture.Now.AddDays(9));
        Assert.Equal(new HazardOverdueResult(0, 0), await RunAsync());

        var keys = await KeysAsync(id);
        Assert.Equal(3, keys.Count);
        Assert.Single(keys, k => k.StartsWith("hazard-overdue-bureau:", StringComparison.Ordinal));
        await using var db = app.SystemContext();
        var officer = await db.Users.SingleAsync(u => u.UserName == "qs.safety");
        var note = await db.Notifications.SingleAsync(n => n.UserId == officer.Id && n.IdempotencyKey.Contains(id.ToString()));
        Assert.Contains("青山县第一中学", note.Title, StringComparison.Ordinal);
        Assert.Equal($"/hazards/{id}", note.Link);
    }

    [Fact]
    public async Task StopOnceRectifiedAndNotifyAgainForANewDeadline()
    {
        app.Clock.Set(HazardFixture.Now);
        var rectified = await app.ReportAsync();
        await app.PlanAsync(rectified, deadline: HazardFixture.Today);
        await app.RectifyAsync(rectified);
        var replanned = await app.ReportAsync();
        await app.PlanAsync(replanned, deadline: HazardFixture.Today);

        app.Clock.Set(HazardFixture.Now.AddDays(1));
        await RunAsync();
        Assert.Empty(await KeysAsync(rectified));
        Assert.Equal(2, (await KeysAsync(replanned)).Count);

        await app.PlanAsync(replanned, deadline: HazardFixture.Today.AddDays(1));
        app.Clock.Set(HazardFixture.Now.AddDays(2));
        await RunAsync();
        Assert.Equal(4, (await KeysAsync(replanned)).Count);
        Assert.Equal(HazardState.Rectified, (await app.LoadAsync(rectified)).State);
    }
}
