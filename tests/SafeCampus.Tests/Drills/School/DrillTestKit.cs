using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Data.Seeding;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Drills.SchoolSide;

/// <summary>The demo city on a fresh database, with the clock on Tuesday 2026-11-24, 10:00 China time.</summary>
public class DrillSchoolFixture : AppFactory
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateOnly Today = new(2026, 11, 24);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Clock.Set(Now);
        await SeedDemoAsync();
        // The demo city comes with a year of drills; these tests start each school from none, so every count is theirs.
        await using var db = SystemContext();
        await db.Drills.IgnoreQueryFilters().ExecuteDeleteAsync();
    }

    /// <summary>Plans a drill as the user, through the use case, and returns its id.</summary>
    public async Task<Guid> ScheduleAsync(string userName, DateOnly date, string kindCode = "fire", string scenario = "教学楼三楼起火", TimeOnly? start = null)
    {
        await using var scope = await ScopeAsAsync(userName);
        var kindId = await KindIdAsync(kindCode);
        var service = scope.ServiceProvider.GetRequiredService<DrillService>();
        var drill = await service.ScheduleAsync(kindId, new DrillPlan(date, start, scenario, "教学楼", "孙国华", "按预案疏散到操场"));
        return drill.Id;
    }

    public async Task AddPhotoAsync(string userName, Guid drillId)
    {
        await using var scope = await ScopeAsAsync(userName);
        await scope.ServiceProvider.GetRequiredService<DrillService>().AddPhotoAsync(drillId, new MemoryStream(TestImages.Png(8, 6)), "scene.png");
    }

    public async Task<Guid> KindIdAsync(string code)
    {
        await using var db = SystemContext();
        return await db.DrillKinds.Where(k => k.Code == code).Select(k => k.Id).FirstAsync();
    }

    /// <summary>The drill as stored, read past the tenant filter, with its photos and findings.</summary>
    public async Task<Drill> LoadAsync(Guid id)
    {
        await using var db = SystemContext();
        return await db.Drills.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    public AppDbContext SystemContext()
    {
        var scope = new TenantScope();
        scope.EnterSystem("test");
        return TestDatabase.CreateContext(ConnectionString, scope);
    }
}

public static partial class DrillPages
{
    /// <summary>The drill id in a redirect to /drills/{id}?done=….</summary>
    public static Guid DrillIdFromRedirect(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}");
        var m = DrillPathRegex().Match(response.Headers.Location!.OriginalString);
        Assert.True(m.Success, response.Headers.Location.OriginalString);
        return Guid.Parse(m.Groups[1].Value);
    }

    public static string Text(string html) => WebUtility.HtmlDecode(TagRegex().Replace(html, " "));

    public static Dictionary<string, string> Filing(string students = "1350", string staff = "50", string minutes = "3", string seconds = "25",
        string summary = "全体师生 3 分 25 秒疏散完毕。", string problems = "东楼梯拥挤\n个别学生未捂口鼻", string improvements = "增加东楼梯引导员") => new()
    {
        ["Filing.Students"] = students,
        ["Filing.Staff"] = staff,
        ["Filing.Minutes"] = minutes,
        ["Filing.Seconds"] = seconds,
        ["Filing.Summary"] = summary,
        ["Filing.Problems"] = problems,
        ["Filing.Improvements"] = improvements,
    };

    [GeneratedRegex("/drills/([0-9a-f-]{36})")]
    private static partial Regex DrillPathRegex();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRegex();
}

/// <summary>Real image files made in memory.</summary>
public static class TestImages
{
    /// <summary>A valid RGB PNG of the given size, as a camera-less phone test needs (the demo seed's drawing).</summary>
    public static byte[] Png(int width, int height) => DemoPng.Scene(width, height, (120, 170, 220), (70, 140, 70));
}
