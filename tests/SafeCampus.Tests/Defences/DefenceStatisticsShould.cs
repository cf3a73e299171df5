using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Defences;
using SafeCampus.Web.Features.Organisation.Import;
using SafeCampus.Web.Infrastructure.Excel;
using SafeCampus.Web.Infrastructure.Pdf;
using SafeCampus.Web.Tenancy;
using static SafeCampus.Tests.Defences.DefenceTestCity;

namespace SafeCampus.Tests.Defences;

/// <summary>
/// The statistics table against hand-computed figures. November 2026:
/// 甲县第一小学 guards 4 (4 full-time), cameras 60, wall 2.2 — compliant, on time, accepted;
/// 甲县第二小学 guards 5 (3 full-time), cameras 100, wall 2.5 — fails the guard ratio (needs 4), late, submitted;
/// 甲县第一中学 only a draft — missing; 乙县幼儿园 guards 2 (2), cameras 20, wall 1.8 — fails the wall, confirmed.
/// October: only 甲县第一小学, guards 3, cameras 50.
/// </summary>
public sealed class DefenceStatisticsShould(DefenceStatisticsShould.Fixture app) : IClassFixture<DefenceStatisticsShould.Fixture>
{
    public sealed class Fixture : DefenceCityFixture
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Pdf:ChromiumPath", Browser.BrowserFixture.ChromiumPath);
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var scope = new TenantScope();
            scope.EnterSystem("test");
            await using var db = TestDatabase.CreateContext(ConnectionString, scope);
            var s = DefenceStandard.Defaults();
            DefenceReturn File(School school, DateOnly month, Dictionary<string, decimal> values, DateTimeOffset at, int steps)
            {
                var r = DefenceReturn.Start(school, month, s, null, "t", at);
                r.Save(values, school, s, "t", at);
                if (steps >= 1)
                {
                    r.Submit("t", at);
                }

                if (steps >= 2)
                {
                    r.Confirm("t", at);
                }

                if (steps >= 3)
                {
                    r.Accept("t", at);
                }

                return r;
            }

            db.DefenceReturns.AddRange(
                File(City.Primary1, October, Compliant((DefenceFields.Guards, 3), (DefenceFields.FullTimeGuards, 3), (DefenceFields.TrainedGuards, 3),
                    (DefenceFields.OpenGates, 1), (DefenceFields.Cameras, 50)), China(10, 20), 3),
                File(City.Primary1, November, Compliant(), China(11, 20), 3),
                File(City.Primary2, November, Compliant((DefenceFields.Guards, 5), (DefenceFields.FullTimeGuards, 3), (DefenceFields.TrainedGuards, 5),
                    (DefenceFields.OpenGates, 1), (DefenceFields.Cameras, 100), (DefenceFields.WallHeight, 2.5m)), China(11, 26), 1),
                File(City.Junior1, November, Compliant((DefenceFields.Guards, 9), (DefenceFields.FullTimeGuards, 9), (DefenceFields.TrainedGuards, 9)), China(11, 21), 0),
                File(City.Kindergarten, November, Compliant((DefenceFields.Guards, 2), (DefenceFields.FullTimeGuards, 2), (DefenceFields.TrainedGuards, 2),
                    (DefenceFields.OpenGates, 1), (DefenceFields.Cameras, 20), (DefenceFields.WallHeight, 1.8m)), China(11, 24), 2));
            await db.SaveChangesAsync();
            Clock.Set(China(11, 27, 10));
        }
    }

    private async Task<(DefenceStatisticsTable Table, DefenceTrends Trends)> BuildAsync(string user, Bureau bureau)
    {
        await using var scope = await app.ScopeAsAsync(user);
        var stats = scope.ServiceProvider.GetRequiredService<DefenceStatistics>();
        var table = await stats.BuildAsync(bureau.Id, November);
        return (table!, await stats.TrendsAsync(bureau.Path, November));
    }

    [Fact]
    public async Task AggregateACountyBySchoolKindWithSubtotalsAndTotal()
    {
        var (t, _) = await BuildAsync("a.safety", app.City.CountyA);
        Assert.False(t.ByCounty);
        Assert.Equal(["小学", "初中"], t.Groups.Select(g => g.Title));
        var primary = t.Groups[0];
        Assert.Equal(["甲县第一小学", "甲县第二小学"], primary.Rows.Select(r => r.Name));
        Assert.Equal(9, primary.Subtotal!.Value(DefenceFields.Guards));
        Assert.Equal(7, primary.Subtotal.Value(DefenceFields.FullTimeGuards));
        Assert.Equal(160, primary.Subtotal.Value(DefenceFields.Cameras));
        Assert.Equal(2.2m, primary.Subtotal.Value(DefenceFields.WallHeight)); // the minimum
        Assert.Equal(2, primary.Subtotal.Value(DefenceFields.OneKeyAlarm)); // schools with "yes"
        Assert.Equal((2, 2, 1, 1), (primary.Subtotal.Schools, primary.Subtotal.Reported, primary.Subtotal.NonCompliant, primary.Subtotal.Late));
        Assert.Equal(DefenceCheck.GuardRatio, primary.Rows[1].Failed);

        var junior = t.Groups[1];
        Assert.Null(junior.Rows[0].Value(DefenceFields.Guards)); // a draft does not count
        Assert.Equal((1, 0), (junior.Subtotal!.Schools, junior.Subtotal.Reported));

        Assert.Equal(9, t.Total.Value(DefenceFields.Guards));
        Assert.Equal(160, t.Total.Value(DefenceFields.Cameras));
        Assert.Equal((3, 2, 1, 1), (t.Total.Schools, t.Total.Reported, t.Total.NonCompliant, t.Total.Late));
        Assert.Equal(["甲县第二小学"], t.Late.Select(s => s.Name));
        Assert.Equal(["甲县第一中学"], t.Missing.Select(s => s.Name));
        Assert.Equal(1, t.FailedByCheck[DefenceCheck.GuardRatio]);
        Assert.Equal(0, t.FailedByCheck[DefenceCheck.Wall]);
    }

    [Fact]
    public async Task AggregateACityByCounty()
    {
        var (t, _) = await BuildAsync("city.safety", app.City.City);
        Assert.True(t.ByCounty);
        var all = t.Groups.Single().Rows;
        Assert.Equal(2, all.Count);
        var rows = new[] { all.Single(r => r.Name == "甲县教育局"), all.Single(r => r.Name == "乙县教育局") };
        Assert.Equal((9m, 3, 2, 1), (rows[0].Value(DefenceFields.Guards)!.Value, rows[0].Schools, rows[0].Reported, rows[0].NonCompliant));
        Assert.Equal((2m, 20m, 1.8m, 1), (rows[1].Value(DefenceFields.Guards)!.Value, rows[1].Value(DefenceFields.Cameras)!.Value, rows[1].Value(DefenceFields.WallHeight)!.Value, rows[1].NonCompliant));
        Assert.Equal(11, t.Total.Value(DefenceFields.Guards));
        Assert.Equal(9, t.Total.Value(DefenceFields.FullTimeGuards));
        Assert.Equal(180, t.Total.Value(DefenceFields.Cameras));
        Assert.Equal(1.8m, t.Total.Value(DefenceFields.WallHeight));
        Assert.Equal((4, 3, 2, 1), (t.Total.Schools, t.Total.Reported, t.Total.NonCompliant, t.Total.Late));
        Assert.Equal(1, t.FailedByCheck[DefenceCheck.Wall]);
        Assert.Equal(1, t.FailedByCheck[DefenceCheck.GuardRatio]);
    }

    [Fact]
    public async Task ShowMonthOnMonthChangeAndTwelveMonthsOfPoints()
    {
        var (_, trends) = await BuildAsync("a.safety", app.City.CountyA);
        Assert.Equal(6, trends.Change(DefenceFields.Guards)); // 9 in November, 3 in October
        Assert.Equal(110, trends.Change(DefenceFields.Cameras)); // 160 − 50
        Assert.Equal(12, trends.Points.Count);
        var oct = trends.Points.Single(p => p.Month == October);
        Assert.Equal((3m, 50m, 1, 1), (oct.Guards, oct.Cameras, oct.Reported, oct.Compliant));
        var nov = trends.Points.Single(p => p.Month == November);
        Assert.Equal((9m, 2, 1), (nov.Guards, nov.Reported, nov.Compliant));
    }

    [Fact]
    public async Task KeepOtherCountiesOutOfACountysTable()
    {
        var (own, _) = await BuildAsync("b.safety", app.City.CountyB);
        Assert.Equal(2, own.Total.Value(DefenceFields.Guards));
        await using var scope = await app.ScopeAsAsync("b.safety");
        Assert.Null(await scope.ServiceProvider.GetRequiredService<DefenceStatistics>().BuildAsync(app.City.CountyA.Id, November));
        var client = await LoginAsync("b.safety");
        var response = await client.GetAsync($"/defences/statistics.xlsx?bureau={app.City.CountyA.Id}&month=2026-11");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        var page = await client.GetAsync($"/defences/bureau?bureau={app.City.CountyA.Id}&month=2026-11");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("页面不存在", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportTheSameNumbersToExcelWithATwoLevelHeader()
    {
        var client = await LoginAsync("a.safety");
        var response = await client.GetAsync("/defences/statistics.xlsx?month=2026-11");
        response.EnsureSuccessStatusCode();
        Assert.Equal(XlsxWriter.ContentType, response.Content.Headers.ContentType?.MediaType);
        var sheet = SpreadsheetReader.Read(await response.Content.ReadAsByteArrayAsync(), 100);
        Assert.Null(sheet.Error);
        var top = sheet.Rows[0];
        var header = sheet.Rows[1];
        var guards = Array.IndexOf(header.Cells, "保安");
        var cameras = Array.IndexOf(header.Cells, "摄像头");
        Assert.Equal("人防", top.Cell(2));
        Assert.Equal("物防", top.Cell(2 + DefenceFields.All.Count(f => f.Group == DefenceGroup.Human)));
        Assert.Equal("技防", top.Cell(2 + DefenceFields.All.Count(f => f.Group != DefenceGroup.Technical)));
        Assert.Equal("学校", top.Cell(0));
        var row = (string name) => sheet.Rows.Single(r => r.Cell(0) == name);
        Assert.Equal("4", row("甲县第一小学").Cell(guards));
        Assert.Equal("5", row("甲县第二小学").Cell(guards));
        Assert.Equal("9", row("小学小计").Cell(guards));
        Assert.Equal("160", row("合计").Cell(cameras));
        Assert.Equal("2/3", row("合计").Cell(1));
        Assert.Equal("保安比例", row("甲县第二小学").Cell(header.Cells.Length - 1));
    }

    [Fact]
    public async Task PrintThePdfWithTheSameNumbersAsTheDatabase()
    {
        var (table, trends) = await BuildAsync("city.safety", app.City.City);
        await using var scope = app.Services.CreateAsyncScope();
        var pdf = await scope.ServiceProvider.GetRequiredService<PdfReports>().RenderAsync<DefenceStatisticsPdf>(
            new Dictionary<string, object?> { ["Table"] = table, ["Trends"] = trends }, new PdfOptions("三防统计表", Landscape: true));
        var text = await PdfText.ExtractAsync(pdf);
        Assert.Contains("测试市教育局", text, StringComparison.Ordinal);
        Assert.Contains("2026年11月", text, StringComparison.Ordinal);
        Assert.Contains("生成时间", text, StringComparison.Ordinal);
        var total = text.Split('\n').Single(l => l.TrimStart().StartsWith("合计", StringComparison.Ordinal));
        var numbers = total.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal("3/4", numbers[0]);
        Assert.Equal(table.Total.Value(DefenceFields.Guards)!.Value.ToString("N0", CultureInfo.InvariantCulture), numbers[1]);
        Assert.Contains("180", numbers);
        Assert.Contains("1.8", numbers);
        Assert.Matches(@"1\s*/\s*\d+", text); // page numbers in the footer
        Assert.Contains("甲县教育局", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateThePdfInTheBackgroundAndListItForDownload()
    {
        await using (var scope = await app.ScopeAsAsync("a.safety"))
        {
            await scope.ServiceProvider.GetRequiredService<DefenceReports>().QueueAsync(app.City.CountyA.Id, November);
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        DefenceReportItem? item = null;
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = await app.ScopeAsAsync("a.safety");
            var list = await scope.ServiceProvider.GetRequiredService<DefenceReports>().ListAsync(app.City.CountyA.Id);
            item = list.Count > 0 ? list[0] : null;
            if (item?.State is DefenceReportState.Done or DefenceReportState.Failed)
            {
                break;
            }

            await Task.Delay(300);
        }

        Assert.Equal(DefenceReportState.Done, item?.State);
        Assert.Equal(100, item!.Progress);
        var client = await LoginAsync("a.safety");
        var page = await client.GetStringAsync("/defences/bureau?month=2026-11");
        Assert.Contains($"/files/{item.FileId}", page, StringComparison.Ordinal);
        var pdf = await client.GetByteArrayAsync($"/files/{item.FileId}");
        Assert.Contains("甲县第二小学", await PdfText.ExtractAsync(pdf), StringComparison.Ordinal);
    }

    private async Task<HttpClient> LoginAsync(string userName)
    {
        var bureau = userName.StartsWith('a') ? app.City.CountyA : app.City.CountyB;
        var name = userName + ".web";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
            if (await users.FindByNameAsync(name) is null)
            {
                var user = AppUser.ForBureau(bureau, name, "网页用户", UserRole.BureauSafetyOfficer, DateTimeOffset.UtcNow);
                var result = await users.CreateAsync(user, TestUsers.Password);
                Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Description)));
            }
        }

        return await app.LoginAsync(name, TestUsers.Password);
    }
}
