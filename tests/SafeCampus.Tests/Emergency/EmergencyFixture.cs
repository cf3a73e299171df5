using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Emergency;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Emergency;

/// <summary>The demo city on a fresh database, clock on 2026-11-24 10:00 China time, without the demo warnings, incidents, activities and duty rosters.</summary>
public class EmergencyFixture : AppFactory
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));

    public DemoOrg Org { get; private set; } = default!;

    public string SmsDirectory { get; } = Path.Combine(Path.GetTempPath(), "safecampus-sms", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sms:SinkDirectory", SmsDirectory);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Clock.Set(Now);
        await SeedDemoAsync();
        Org = await DemoOrg.LoadAsync(ConnectionString);
        await using var db = Db();
        await db.WarningRecipients.IgnoreQueryFilters().ExecuteDeleteAsync();
        await db.Warnings.IgnoreQueryFilters().ExecuteDeleteAsync();
        await db.Incidents.IgnoreQueryFilters().ExecuteDeleteAsync();
        await db.Activities.IgnoreQueryFilters().ExecuteDeleteAsync();
        await db.DutyLogs.IgnoreQueryFilters().ExecuteDeleteAsync();
        await db.DutyRosters.IgnoreQueryFilters().ExecuteDeleteAsync();
    }

    public static WarningDraft Draft(string title = "关于防范强降雨天气的紧急通知") =>
        new(WarningKind.Weather, WarningLevel.Orange, title, "未来三天有强降雨。", "暂停户外活动，排查校舍。", new DateOnly(2026, 11, 26), false);

    public async Task<Warning> IssueAsync(string user, WarningDraft? draft = null, WarningTarget? target = null)
    {
        await using var scope = await ScopeAsAsync(user);
        return await scope.ServiceProvider.GetRequiredService<WarningService>().IssueAsync(draft ?? Draft(Guid.NewGuid().ToString("N")[..8]), target ?? WarningTarget.Everyone, []);
    }

    public async Task AsAsync<TService>(string user, Func<TService, Task> step) where TService : notnull
    {
        await using var scope = await ScopeAsAsync(user);
        await step(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<T> AsAsync<TService, T>(string user, Func<TService, Task<T>> step) where TService : notnull
    {
        await using var scope = await ScopeAsAsync(user);
        return await step(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static IncidentFacts Facts(DateTimeOffset occurred, DateTimeOffset known, IncidentKind kind = IncidentKind.Drowning, IncidentLevel level = IncidentLevel.General,
        int dead = 0, string place = "学校西侧河塘") =>
        new(kind, level, occurred, known, place, "一名学生在河塘边玩耍时落水，被路人救起。", 1, dead, "送医检查，通知家长。", "孙国华", "13800000000");

    public async Task<int> NotificationsAsync(string keyPrefix)
    {
        await using var db = Db();
        return await db.Notifications.IgnoreQueryFilters().CountAsync(n => n.IdempotencyKey.StartsWith(keyPrefix));
    }

    public async Task<List<string>> NotifiedUsersAsync(string keyPrefix)
    {
        await using var db = Db();
        return await db.Notifications.IgnoreQueryFilters().Where(n => n.IdempotencyKey.StartsWith(keyPrefix))
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => u.UserName!).ToListAsync();
    }

    public static TenantScope NewScope() => new();
}
