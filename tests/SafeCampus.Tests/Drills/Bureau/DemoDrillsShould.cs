using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data.Seeding;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Infrastructure.Files;

namespace SafeCampus.Tests.Drills.BureauSide;

/// <summary>The demo drills seeded on 2026-11-24: realistic, complete filings, and something for every state.</summary>
public sealed class DemoDrillsShould(DemoDrillsFixture app) : IClassFixture<DemoDrillsFixture>
{
    [Fact]
    public async Task FileEveryDrillWithAPhotoAndRealisticFigures()
    {
        await using var db = app.SystemDb();
        var filed = await db.Drills.AsNoTracking().Include(d => d.Photos)
            .Where(d => d.State == DrillState.Submitted || d.State == DrillState.Accepted || d.State == DrillState.Returned).ToListAsync();
        Assert.True(filed.Count > 200, $"{filed.Count} filed drills");
        Assert.All(filed, d =>
        {
            Assert.NotEmpty(d.Photos);
            Assert.InRange(d.ParticipationRate!.Value, 0.84m, 1m);
            Assert.InRange(d.EvacuationSeconds!.Value, 90, 420);
            Assert.Contains("演练", d.Summary, StringComparison.Ordinal);
            Assert.True(d.SubmittedAt <= DemoDrillsFixture.Today && d.Date <= new DateOnly(2026, 11, 24));
        });

        var photo = await db.StoredFiles.AsNoTracking().FirstAsync(f => f.Id == filed[0].Photos[0].FileId);
        Assert.Equal(("image/png", "image/png"), (photo.ContentType, FileStore.Sniff(photo.Content)));
        Assert.Equal(filed[0].ScopePath, photo.ScopePath);
    }

    [Fact]
    public async Task LeaveWorkForTheBureauAndTheSchools()
    {
        await using var db = app.SystemDb();
        var returned = await db.Drills.AsNoTracking().Where(d => d.State == DrillState.Returned).ToListAsync();
        Assert.Equal(2, returned.Count);
        Assert.All(returned, d => Assert.False(string.IsNullOrWhiteSpace(d.ReviewComment)));
        Assert.All(app.Submitted.Values, list => Assert.InRange(list.Count, 2, 8));

        var scheduled = await db.Drills.AsNoTracking().Where(d => d.State == DrillState.Scheduled && d.Date > new DateOnly(2026, 11, 24)).ToListAsync();
        Assert.NotEmpty(scheduled);
        Assert.All(scheduled, d => Assert.True(d.Date <= new DateOnly(2026, 12, 22)));
        var night = await db.DrillKinds.SingleAsync(k => k.Code == "night");
        var boardingWithNight = await db.Drills.Where(d => d.KindId == night.Id).Select(d => d.SchoolId).Distinct().CountAsync();
        Assert.InRange(boardingWithNight, 6, await db.Schools.CountAsync(s => s.IsBoarding));
    }

    [Fact]
    public void DrawValidPngs()
    {
        var png = DemoPng.Scene(160, 120, (120, 170, 220), (70, 140, 70));
        Assert.Equal("image/png", FileStore.Sniff(png));
        // The CRC of an IEND chunk is fixed by the PNG specification.
        Assert.Equal(0xAE426082u, DemoPng.Crc32(0xFFFFFFFFu, "IEND"u8) ^ 0xFFFFFFFFu);
        Assert.Equal([0xAE, 0x42, 0x60, 0x82], png[^4..]);
    }

    [Fact]
    public void CountAggregatedFactsByTheirCount()
    {
        var city = Bureau.CreateCity("测试市教育局", null, DateTimeOffset.UnixEpoch);
        var (kinds, rules) = DrillDefaults.For(city);
        var year = rules.Single(r => r.Period == DrillPeriod.Year);
        var period = DrillPeriods.Containing(DrillPeriod.Year, new DateOnly(2026, 1, 1));
        DrillFact[] facts = [new(kinds[0].Id, new DateOnly(2026, 3, 1), DrillState.Accepted, 3), new(kinds[1].Id, new DateOnly(2026, 4, 1), DrillState.Submitted, 2)];

        var status = DrillCompliance.Evaluate(year, period, facts, new DateOnly(2026, 11, 24));

        Assert.Equal((ComplianceState.AwaitingReview, 3, 2), (status.State, status.Accepted, status.Submitted));
    }
}
