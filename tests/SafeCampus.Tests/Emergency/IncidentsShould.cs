using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Emergency;
using SafeCampus.Web.Features.Organisation.Import;

namespace SafeCampus.Tests.Emergency;

/// <summary>Incident reports: who reports, up the tree, follow-ups until closed, late flags at the limit's edges, unreported, tenancy, export.</summary>
public sealed class IncidentsShould : IClassFixture<EmergencyFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly EmergencyFixture _app;

    public IncidentsShould(EmergencyFixture app)
    {
        _app = app;
        _app.Clock.Set(EmergencyFixture.Now);
    }

    private Task<Incident> ReportAsync(string user, IncidentFacts facts) => _app.AsAsync<IncidentService, Incident>(user, s => s.ReportAsync(facts));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public async Task FlagASeriousReportLateOnlyPastTheHourAfterItWasKnown(int extraSeconds, bool late)
    {
        // Known at 23:30 China time (15:30 UTC), reported at 00:30 the next China day: the limit counts instants.
        var known = new DateTimeOffset(2026, 11, 23, 23, 30, 0, China);
        _app.Clock.Set(known.AddHours(1).AddSeconds(extraSeconds));
        var incident = await ReportAsync("qs1z.director", EmergencyFixture.Facts(known.AddMinutes(-10), known));
        Assert.Equal((60, late), (incident.LimitMinutes, incident.IsLate));

        var officer = await _app.LoginAsync("qs.safety");
        var flagged = await officer.GetStringAsync("/incidents?from=2026-11-23&to=2026-11-24&flagged=true");
        Assert.Equal(late, flagged.Contains($"/incidents/{incident.Id}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(IncidentKind.Injury, IncidentLevel.General, 0, 24 * 60)]
    [InlineData(IncidentKind.Injury, IncidentLevel.Larger, 0, 60)]
    [InlineData(IncidentKind.Injury, IncidentLevel.General, 1, 60)]
    [InlineData(IncidentKind.FoodPoisoning, IncidentLevel.General, 0, 60)]
    public void UseTheHourForSeriousKindsLevelsAndDeathsAndADayOtherwise(IncidentKind kind, IncidentLevel level, int dead, int limit)
    {
        Assert.Equal(limit, Incident.LimitFor(kind, level, dead));
        var known = new DateTimeOffset(2026, 11, 24, 8, 0, 0, China);
        Assert.False(Incident.Late(known, known.AddMinutes(limit), limit));
        Assert.True(Incident.Late(known, known.AddMinutes(limit).AddSeconds(1), limit));
    }

    [Fact]
    public async Task RefuseTimesInTheFutureOrKnownBeforeItHappenedAndSaveNothing()
    {
        var now = EmergencyFixture.Now;
        var future = await Assert.ThrowsAsync<DomainException>(() => ReportAsync("qs1z.director", EmergencyFixture.Facts(now.AddMinutes(-5), now.AddMinutes(1), place: "未来")));
        Assert.Equal("Emergency.TimeInFuture", future.Code);
        var order = await Assert.ThrowsAsync<DomainException>(() => ReportAsync("qs1z.director", EmergencyFixture.Facts(now.AddMinutes(-5), now.AddMinutes(-10), place: "未来")));
        Assert.Equal("Emergency.KnownBeforeOccurred", order.Code);

        var client = await _app.LoginAsync("qs1z.director");
        var response = await client.PostFormAsync("/incidents/new", "incident-new", new()
        {
            ["Input.Kind"] = "Fire", ["Input.Level"] = "General", ["Input.OccurredAt"] = "2026-11-24T10:30", ["Input.KnownAt"] = "2026-11-24T10:40",
            ["Input.Place"] = "未来", ["Input.Summary"] = "x", ["Input.Injured"] = "0", ["Input.Dead"] = "0", ["Input.Measures"] = "x", ["Input.Reporter"] = "孙国华",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("时间不能晚于现在", Forms.ErrorText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var db = _app.Db();
        Assert.False(await db.Incidents.AnyAsync(i => i.Place == "未来"));
    }

    [Fact]
    public async Task GoUpToTheCountyAndForASeriousOneToTheCityAtOnce()
    {
        var now = EmergencyFixture.Now;
        var general = await ReportAsync("qs1z.director", EmergencyFixture.Facts(now.AddMinutes(-30), now.AddMinutes(-20), IncidentKind.Injury));
        var toGeneral = await _app.NotifiedUsersAsync($"incident:{general.Id}:1:");
        Assert.Contains("qs.safety", toGeneral);
        Assert.Contains("qs.admin", toGeneral);
        Assert.DoesNotContain("city.safety", toGeneral);
        Assert.DoesNotContain("yx.safety", toGeneral);

        var serious = await ReportAsync("qs1z.principal", EmergencyFixture.Facts(now.AddMinutes(-30), now.AddMinutes(-20), level: IncidentLevel.Larger));
        var toSerious = await _app.NotifiedUsersAsync($"incident:{serious.Id}:1:");
        Assert.Contains("qs.safety", toSerious);
        Assert.Contains("city.safety", toSerious);

        var staff = await Assert.ThrowsAsync<DomainException>(() => ReportAsync("qs1z.teacher", EmergencyFixture.Facts(now.AddMinutes(-30), now.AddMinutes(-20))));
        Assert.Equal("Emergency.NotAllowed", staff.Code);
    }

    [Fact]
    public async Task AppendFollowUpsUntilTheFinalReportKeepingEveryVersion()
    {
        var now = EmergencyFixture.Now;
        var incident = await ReportAsync("qs1z.director", EmergencyFixture.Facts(now.AddMinutes(-30), now.AddMinutes(-20)));
        async Task<Incident> Load()
        {
            await using var db = _app.Db();
            return await db.Incidents.AsNoTracking().Include(i => i.Entries).SingleAsync(i => i.Id == incident.Id);
        }

        _app.Clock.Advance(TimeSpan.FromHours(2));
        var v1 = (await Load()).Version;
        await _app.AsAsync<IncidentService, IncidentEntry>("qs1z.director", s => s.AppendAsync(incident.Id, v1, "学生已送医，生命体征平稳。", IncidentLevel.General, 1, 0, null, false));
        var stale = await Assert.ThrowsAsync<DomainException>(() =>
            _app.AsAsync<IncidentService, IncidentEntry>("qs1z.principal", s => s.AppendAsync(incident.Id, v1, "旧版本", IncidentLevel.General, 1, 0, null, false)));
        Assert.Equal("Emergency.ConcurrentEdit", stale.Code);
        await _app.AsAsync<IncidentService, IncidentEntry>("qs.safety", s => s.AppendAsync(incident.Id, Load().Result.Version, "县局已派员到场。", IncidentLevel.General, 1, 0, null, false));
        await _app.AsAsync<IncidentService, IncidentEntry>("qs1z.principal", s => s.AppendAsync(incident.Id, Load().Result.Version, "学生已出院，事件处置完毕。", IncidentLevel.General, 2, 0, "加装护栏", true));

        var closed = await Load();
        Assert.Equal(IncidentState.Closed, closed.State);
        Assert.Equal([IncidentEntryKind.Initial, IncidentEntryKind.FollowUp, IncidentEntryKind.FollowUp, IncidentEntryKind.Final], closed.Entries.OrderBy(e => e.Seq).Select(e => e.Kind));
        Assert.Equal("一名学生在河塘边玩耍时落水，被路人救起。", closed.Entries.Single(e => e.Seq == 1).Text);
        Assert.Equal(2, closed.Injured);
        Assert.Contains("qs.safety", await _app.NotifiedUsersAsync($"incident:{incident.Id}:4:"));
        Assert.DoesNotContain("qs.safety", await _app.NotifiedUsersAsync($"incident:{incident.Id}:3:"));

        var after = await Assert.ThrowsAsync<DomainException>(() =>
            _app.AsAsync<IncidentService, IncidentEntry>("qs1z.director", s => s.AppendAsync(incident.Id, closed.Version, "再续报", IncidentLevel.General, 1, 0, null, false)));
        Assert.Equal("Emergency.IncidentClosed", after.Code);
        Assert.Equal(4, (await Load()).Entries.Count);
    }

    [Fact]
    public async Task LetTheCountyRecordAnUnreportedIncidentThatTheSchoolThenFollowsUp()
    {
        var now = EmergencyFixture.Now;
        var incident = await _app.AsAsync<IncidentService, Incident>("qs.safety",
            s => s.ReportByBureauAsync(_app.Org.QingshanPrimary.Id, EmergencyFixture.Facts(now.AddDays(-3), now.AddHours(-2), IncidentKind.Violence, place: "校外巷道"), "家长来电反映"));
        Assert.Equal((true, false, "家长来电反映"), (incident.Unreported, incident.IsLate, incident.UnreportedNote));
        Assert.Contains("city.safety", await _app.NotifiedUsersAsync($"incident:{incident.Id}:1:"));

        await _app.AsAsync<IncidentService, IncidentEntry>("qssx.director", s => s.AppendAsync(incident.Id, incident.Version, "学校已调查处理。", IncidentLevel.General, 1, 0, null, false));
        await Assert.ThrowsAsync<EmergencyNotFoundException>(() => _app.AsAsync<IncidentService, Incident>("yx.safety",
            s => s.ReportByBureauAsync(_app.Org.QingshanPrimary.Id, EmergencyFixture.Facts(now.AddDays(-3), now.AddHours(-2)), "x")));
    }

    [Fact]
    public async Task HideAnIncidentFromAnotherSchoolAndCounty()
    {
        var now = EmergencyFixture.Now;
        var incident = await ReportAsync("qs1z.director", EmergencyFixture.Facts(now.AddMinutes(-30), now.AddMinutes(-20)));
        await Assert.ThrowsAsync<EmergencyNotFoundException>(() =>
            _app.AsAsync<IncidentService, IncidentEntry>("qssx.director", s => s.AppendAsync(incident.Id, incident.Version, "外校续报", IncidentLevel.General, 1, 0, null, false)));
        await Assert.ThrowsAsync<EmergencyNotFoundException>(() =>
            _app.AsAsync<IncidentService, IncidentEntry>("yx.safety", s => s.AppendAsync(incident.Id, incident.Version, "外区续报", IncidentLevel.General, 1, 0, null, false)));
        foreach (var user in new[] { "qssx.director", "yx.safety", "yxyey.principal" })
        {
            var client = await _app.LoginAsync(user);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/incidents/{incident.Id}")).StatusCode);
            Assert.DoesNotContain(incident.Id.ToString(), await client.GetStringAsync("/incidents"), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await (await _app.LoginAsync("city.safety")).GetAsync($"/incidents/{incident.Id}")).StatusCode);
        await using var db = _app.Db();
        Assert.Equal(1, await db.Incidents.Where(i => i.Id == incident.Id).Select(i => i.Entries.Count).SingleAsync());
    }

    [Fact]
    public async Task ExportTheListAndTheStatisticsByCountyAndKind()
    {
        var now = EmergencyFixture.Now;
        await ReportAsync("qs1z.director", EmergencyFixture.Facts(now.AddMinutes(-30), now.AddMinutes(-20), IncidentKind.Traffic, place: "校门口导出"));
        await ReportAsync("yxyey.director", EmergencyFixture.Facts(now.AddMinutes(-30), now.AddMinutes(-20), IncidentKind.Traffic, place: "幼儿园门口导出"));
        var city = await _app.LoginAsync("city.safety");
        var response = await city.GetAsync("/incidents.xlsx?from=2026-11-24&to=2026-11-24&kind=Traffic");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var sheet = SpreadsheetReader.Read(bytes, 1000);
        Assert.Null(sheet.Error);
        Assert.Equal(["序号", "报送单位", "县（区）", "事件类别", "事件等级", "发生时间", "获知时间", "报送时间", "获知至报送"], sheet.Rows[0].Cells.Take(9));
        Assert.Contains(sheet.Rows.Skip(1), r => r.Cell(9) == "校门口导出" && r.Cell(1) == "青山县第一中学" && r.Cell(3) == "交通事故");
        Assert.Contains(sheet.Rows.Skip(1), r => r.Cell(9) == "幼儿园门口导出");

        var county = await _app.LoginAsync("qs.safety");
        var own = SpreadsheetReader.Read(await county.GetByteArrayAsync("/incidents.xlsx?from=2026-11-24&to=2026-11-24"), 1000);
        Assert.DoesNotContain(own.Rows.Skip(1), r => r.Cell(9) == "幼儿园门口导出");
        var page = await city.GetStringAsync("/incidents?from=2026-11-24&to=2026-11-24");
        Assert.Contains("事件统计", page, StringComparison.Ordinal);
    }
}
