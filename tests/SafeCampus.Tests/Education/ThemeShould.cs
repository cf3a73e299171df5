using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Education;

namespace SafeCampus.Tests.Education;

/// <summary>Theme days and activities on <see cref="EducationFixture"/>: 西县 launches an activity, its schools file once.</summary>
public sealed class ThemeShould(EducationFixture app) : IClassFixture<EducationFixture>
{
    [Fact]
    public void PutTheNationalDaysOnTheCalendar()
    {
        var days = ThemeCalendar.National(2026).ToDictionary(d => d.Name);
        Assert.Equal(new DateOnly(2026, 3, 30), days["全国中小学生安全教育日"].Start); // the last Monday of March
        Assert.Equal(new DateOnly(2027, 3, 29), ThemeCalendar.National(2027)[0].Start);
        Assert.Equal(new DateOnly(2026, 4, 15), days["全民国家安全教育日"].Start);
        Assert.Equal(new DateOnly(2026, 5, 12), days["全国防灾减灾日"].Start);
        Assert.Equal((new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30)), (days["安全生产月"].Start, days["安全生产月"].End));
        Assert.Equal(new DateOnly(2026, 11, 9), days["全国消防日"].Start);
        Assert.Equal(new DateOnly(2026, 12, 2), days["全国交通安全日"].Start);
    }

    [Fact]
    public async Task LetTheBureauSeeWhoFiledAndRefuseBadOrRepeatedFilings()
    {
        var activity = await app.AsAsync("west.safety", async sp =>
        {
            var themes = sp.GetRequiredService<ThemeService>();
            await themes.AddDayAsync("西县学校安全教育周", 10, 19, 5);
            return await themes.LaunchAsync("全国消防日", "组织一次消防安全主题班会，并开展疏散演练。", new DateOnly(2026, 10, 20), new DateOnly(2026, 11, 15));
        });

        // Each school of 西县 sees it and has it on its to-do list; 东县's school does not.
        var calendar = await app.AsAsync("b1.director", sp => sp.GetRequiredService<ThemeService>().CalendarAsync(2026));
        Assert.Contains(calendar, d => d.Name == "西县学校安全教育周" && d.Start == new DateOnly(2026, 10, 19) && d.End == new DateOnly(2026, 10, 23));
        Assert.Null(await app.AsAsync("a1.director", sp => sp.GetRequiredService<ThemeService>().FindAsync(activity.Id)));
        using (var east = await app.LoginAsync("a1.director", TestUsers.Password))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await east.GetAsync($"/education/themes/{activity.Id}")).StatusCode);
        }

        using var school = await app.LoginAsync("b1.director", TestUsers.Password);
        Assert.Contains("主题教育活动待填报：全国消防日", System.Net.WebUtility.HtmlDecode(await school.GetStringAsync("/")), StringComparison.Ordinal);

        var future = await Assert.ThrowsAsync<DomainException>(() => app.AsAsync("b1.director", sp =>
            sp.GetRequiredService<ThemeService>().FileAsync(activity.Id, new ThemeReport(new DateOnly(2026, 10, 25), 480, "消防主题班会"), [])));
        Assert.Equal("Education.ThemeDateInvalid", future.Code);
        await app.AsAsync("b1.director", sp => sp.GetRequiredService<ThemeService>().FileAsync(activity.Id, new ThemeReport(new DateOnly(2026, 10, 20), 480, "全校 12 个班开展消防主题班会。"), []));
        var twice = await Assert.ThrowsAsync<DomainException>(() => app.AsAsync("b1.director", sp =>
            sp.GetRequiredService<ThemeService>().FileAsync(activity.Id, new ThemeReport(new DateOnly(2026, 10, 20), 500, "再报一次"), [])));
        Assert.Equal("Education.ThemeAlreadyFiled", twice.Code);
        await using (var db = app.SystemContext())
        {
            Assert.Equal(1, await db.ThemeFilings.CountAsync(f => f.ActivityId == activity.Id));
        }

        var rows = await app.AsAsync("west.safety", async sp =>
        {
            var themes = sp.GetRequiredService<ThemeService>();
            return await themes.SchoolsAsync((await themes.FindAsync(activity.Id))!);
        });
        Assert.Equal(["阳光幼儿园", "明德小学"], rows.Select(r => r.School));
        Assert.Null(rows[0].FilingId);
        Assert.Equal(480, rows[1].Participants);

        using var bureau = await app.LoginAsync("west.safety", TestUsers.Password);
        var page = System.Net.WebUtility.HtmlDecode(await bureau.GetStringAsync($"/education/themes/{activity.Id}"));
        Assert.Contains("已填报 1/2 所", page, StringComparison.Ordinal);

        // The list on screen, as Excel: every school with its state, the filed one with its figures.
        var export = await bureau.GetAsync($"/education/themes/{activity.Id}/schools.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync()))
        using (var doc = SpreadsheetDocument.Open(stream, false))
        {
            var sheet = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single();
            var cells = ((WorksheetPart)doc.WorkbookPart.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
                .Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
            Assert.Equal(["学校", "状态", "活动日期", "参加人数", "简要总结", "照片"], cells[0].Take(6));
            Assert.Equal(["阳光幼儿园", "待填报"], cells[1].Take(2));
            Assert.Equal(["明德小学", "已填报"], cells[2].Take(2));
            Assert.Contains("480", cells[2]);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await school.GetAsync($"/education/themes/{activity.Id}/schools.xlsx")).StatusCode);

        // From three days before the deadline the school that has not filed is reminded, once; the one that filed is not.
        await using (var db = app.SystemContext())
        {
            await db.Notifications.Where(n => n.IdempotencyKey.StartsWith("edu-theme:")).ExecuteDeleteAsync();
        }

        try
        {
            app.Clock.Set(new DateTimeOffset(2026, 11, 11, 8, 15, 0, TimeSpan.FromHours(8)));
            Assert.Equal(0, (await RunJobAsync()).Themes);
            app.Clock.Set(new DateTimeOffset(2026, 11, 12, 8, 15, 0, TimeSpan.FromHours(8)));
            var first = await RunJobAsync();
            var second = await RunJobAsync();
            Assert.True(first.Themes >= 1);
            Assert.Equal(0, second.Themes);
            await using var db = app.SystemContext();
            var keys = await db.Notifications.Where(n => n.IdempotencyKey.StartsWith($"edu-theme:{activity.Id}:")).Select(n => n.IdempotencyKey).ToListAsync();
            Assert.Equal(first.Themes, keys.Count);
            Assert.All(keys, k => Assert.StartsWith($"edu-theme:{activity.Id}:{rows[0].SchoolId}:", k, StringComparison.Ordinal));
        }
        finally
        {
            app.Clock.Set(EducationFixture.Now);
        }
    }

    private async Task<EducationReminderResult> RunJobAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<SafeCampus.Web.Tenancy.TenantScope>().EnterSystem("test");
        return await ActivatorUtilities.CreateInstance<EducationReminderJob>(scope.ServiceProvider).RunAsync();
    }
}
