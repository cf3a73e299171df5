using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Drills.SchoolSide;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Features.Hazards;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Hazards;

/// <summary>The demo city on a fresh database, clock on 2026-11-24 10:00 China time, without the demo hazards.</summary>
public class HazardFixture : AppFactory
{
    public const string Director = "qs1z.director";
    public const string Principal = "qs1z.principal";
    public const string Teacher = "qs1z.teacher";
    public const string Officer = "qs.safety";
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateOnly Today = new(2026, 11, 24);

    public DemoOrg Org { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Clock.Set(Now);
        await SeedDemoAsync();
        Org = await DemoOrg.LoadAsync(ConnectionString);
        await using var db = SystemContext();
        await db.Hazards.IgnoreQueryFilters().ExecuteDeleteAsync();
        await db.SelfChecks.IgnoreQueryFilters().ExecuteDeleteAsync();
        await db.RectificationNotices.IgnoreQueryFilters().ExecuteDeleteAsync();
        await db.Inspections.IgnoreQueryFilters().ExecuteDeleteAsync();
        await db.NoticeCounters.IgnoreQueryFilters().ExecuteDeleteAsync();
    }

    /// <summary>The demo city's current checklist with its items.</summary>
    public async Task<ChecklistTemplate> ChecklistAsync()
    {
        await using var db = SystemContext();
        return await db.ChecklistTemplates.AsNoTracking().Include(t => t.Items).SingleAsync(t => t.IsCurrent);
    }

    public static HazardReport Report(string description = "教学楼二楼消防通道堆放杂物", HazardGrade grade = HazardGrade.General, DateOnly? foundOn = null) =>
        new("教学楼二楼东侧", description, "消防安全", grade, foundOn ?? Today, "孙国华");

    public static Upload Photo(string name = "photo.png") => new(new MemoryStream(TestImages.Png(8, 6)), name);

    public async Task<Guid> ReportAsync(string userName = Director, HazardGrade grade = HazardGrade.General)
    {
        await using var scope = await ScopeAsAsync(userName);
        var hazard = await scope.ServiceProvider.GetRequiredService<HazardService>().ReportAsync(Report(grade: grade), [Photo()]);
        return hazard.Id;
    }

    /// <summary>Runs a step as the user with the hazard's current version.</summary>
    public async Task AsAsync(string userName, Guid id, Func<HazardService, uint, Task> step)
    {
        var version = (await LoadAsync(id)).Version;
        await using var scope = await ScopeAsAsync(userName);
        await step(scope.ServiceProvider.GetRequiredService<HazardService>(), version);
    }

    public Task PlanAsync(Guid id, string userName = Director, DateOnly? deadline = null) =>
        AsAsync(userName, id, (s, v) => s.PlanAsync(id, v, new HazardPlan("王建军", deadline ?? Today.AddDays(7), "清理杂物，设置禁止堆放标识", 500m, 500m)));

    public async Task RectifyAsync(Guid id, string userName = Director)
    {
        await using (var scope = await ScopeAsAsync(userName))
        {
            await scope.ServiceProvider.GetRequiredService<HazardService>().AddPhotosAsync(id, [Photo("after.png")], evidence: true);
        }

        await AsAsync(userName, id, (s, v) => s.RectifyAsync(id, v, "杂物已清理，张贴禁止堆放标识"));
    }

    public async Task<Hazard> LoadAsync(Guid id)
    {
        await using var db = SystemContext();
        return await db.Hazards.AsNoTracking().Include(h => h.Steps).Include(h => h.Photos).SingleAsync(h => h.Id == id);
    }

    public AppDbContext SystemContext()
    {
        var scope = new TenantScope();
        scope.EnterSystem("test");
        return TestDatabase.CreateContext(ConnectionString, scope);
    }
}
