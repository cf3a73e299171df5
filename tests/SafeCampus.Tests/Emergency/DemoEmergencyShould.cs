using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;

namespace SafeCampus.Tests.Emergency;

/// <summary>The demo city's year of warnings, its incidents, large activities and duty rosters.</summary>
public sealed class DemoEmergencyShould(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task HoldAYearOfWarningsAFewIncidentsAndActivities()
    {
        await using var db = app.Db();
        Assert.Equal(12, await db.Warnings.CountAsync());
        var copies = await db.WarningRecipients.CountAsync();
        var read = await db.WarningRecipients.CountAsync(r => r.ReadAt != null);
        Assert.InRange(read, copies * 8 / 10, copies - 1);
        Assert.True(await db.WarningRecipients.AnyAsync(r => r.RepliedAt != null));
        Assert.Equal(5, await db.Incidents.CountAsync());
        Assert.Equal((1, 1), (await db.Incidents.CountAsync(i => i.IsLate), await db.Incidents.CountAsync(i => i.Unreported)));
        Assert.True(await db.Incidents.Where(i => i.State == IncidentState.Closed).AllAsync(i => i.Entries.Count >= 2));
        Assert.Equal([ActivityState.Submitted, ActivityState.Approved, ActivityState.Returned, ActivityState.Done],
            (await db.Activities.Select(a => a.State).ToListAsync()).Order());
        Assert.Equal(13 + 8 + 1, await db.DutyRosters.CountAsync());
        Assert.True(await db.DutyLogs.CountAsync() >= 30);
        Assert.True(await db.DutyRosters.AnyAsync(r => r.SchoolId == null && r.Shifts.Any(s => s.Leader == "赵立新")));
    }
}
