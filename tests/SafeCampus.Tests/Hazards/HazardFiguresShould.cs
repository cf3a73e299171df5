using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Hazards;

namespace SafeCampus.Tests.Hazards;

/// <summary>Rectification rate, overdue count and median days-to-close per school, county and in total.</summary>
public sealed class HazardFiguresShould : IClassFixture<HazardFixture>
{
    private readonly HazardFixture _app;

    public HazardFiguresShould(HazardFixture app) => _app = app;

    /// <summary>A hazard found on the day, planned with the deadline and, if closedOn is given, accepted that day.</summary>
    private async Task AddAsync(School school, DateOnly found, DateOnly? deadline, DateOnly? closedOn)
    {
        var director = new HazardActor(null, "主任", UserRole.SafetyDirector, school.Id);
        var bureau = new HazardActor(null, "局", UserRole.BureauSafetyOfficer, null);
        var at = new DateTimeOffset(found.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
        var h = Hazard.Report(school, new HazardReport("操场", "围栏松动", "校舍安全", HazardGrade.Major, found, "主任"), HazardSource.Report, director, at, found);
        if (deadline is { } d)
        {
            h.Plan(new HazardPlan("王", d, "加固", null, null), director, at);
        }

        await using var db = _app.SystemContext();
        if (closedOn is { } c)
        {
            var file = new StoredFile { ScopePath = school.ScopePath, FileName = "a.png", ContentType = "image/png", Length = 1, Sha256 = new string('0', 64), Content = [1], UploadedAt = at };
            db.StoredFiles.Add(file);
            h.AddPhoto(file, evidence: true);
            h.Rectify("已加固", director, at);
            h.Accept(bureau, null, at, c);
        }

        db.Hazards.Add(h);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task ComputeRatesOverdueAndMedianDaysPerSchoolCountyAndTotal()
    {
        var (a, b, y) = (_app.Org.QingshanFirstMiddle, _app.Org.QingshanPrimary, _app.Org.YunxiKindergarten);
        var d = new DateOnly(2026, 10, 1);
        await AddAsync(a, d, d.AddDays(10), d.AddDays(2));
        await AddAsync(a, d, d.AddDays(10), d.AddDays(4));
        await AddAsync(a, d, d.AddDays(10), d.AddDays(9));
        await AddAsync(a, d, d.AddDays(10), null);            // planned, deadline 10-11 passed: overdue
        await AddAsync(b, d, d.AddDays(100), d.AddDays(20));
        await AddAsync(b, d, null, null);                     // reported, no deadline: open, not overdue
        await AddAsync(y, d, d.AddDays(5), d.AddDays(1));
        await AddAsync(y, new DateOnly(2026, 6, 1), null, null); // outside the period

        await using var scope = await _app.ScopeAsAsync("city.safety");
        var figures = await scope.ServiceProvider.GetRequiredService<HazardQueries>().FiguresAsync(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 24));

        var first = figures.Single(f => f.SchoolId == a.Id);
        Assert.Equal((4, 3, 1, 1, 4.0), (first.Found, first.Closed, first.Open, first.Overdue, first.MedianDays));
        Assert.Equal(0.75m, first.Rate);
        var primary = figures.Single(f => f.SchoolId == b.Id);
        Assert.Equal((2, 1, 0, 20.0), (primary.Found, primary.Closed, primary.Overdue, primary.MedianDays));
        var qingshan = figures.Single(f => f.SchoolId is null && f.CountyId == _app.Org.Qingshan.Id);
        Assert.Equal((6, 4, 1, 6.5), (qingshan.Found, qingshan.Closed, qingshan.Overdue, qingshan.MedianDays));
        var total = figures.Single(f => f.SchoolId is null && f.CountyId is null);
        Assert.Equal((7, 5, 1, 4.0), (total.Found, total.Closed, total.Overdue, total.MedianDays));
        Assert.Equal("71.4 %（5/7）", HazardLabels.Rate(total.Closed, total.Found));

        await using var school = await _app.ScopeAsAsync("qssx.director");
        var own = await school.ServiceProvider.GetRequiredService<HazardQueries>().FiguresAsync(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 24));
        Assert.Equal([b.Id], own.Where(f => f.SchoolId != null).Select(f => f.SchoolId!.Value));
        Assert.Equal(2, own.Single(f => f.SchoolId is null && f.CountyId is null).Found);
    }
}
