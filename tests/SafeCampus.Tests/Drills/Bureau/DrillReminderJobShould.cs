using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data.Seeding;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Features.Drills.Bureau;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Drills.BureauSide;

/// <summary>
/// The daily reminder job on a small county: 育英小学 has no drill in November 2026, 明德小学 has one accepted. The
/// monthly rule reminds seven days before the month ends; overdue months go to the county's safety officer.
/// </summary>
public sealed class DrillReminderJobShould(DrillReminderJobShould.Fixture app) : IClassFixture<DrillReminderJobShould.Fixture>
{
    public sealed class Fixture : AppFactory
    {
        public Guid Empty { get; private set; }
        public Guid Done { get; private set; }
        public Guid MonthlyRule { get; private set; }
        public Dictionary<string, string> Users { get; } = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
            var scope = new TenantScope();
            scope.EnterSystem("test");
            await using var db = TestDatabase.CreateContext(ConnectionString, scope);
            var city = Bureau.CreateCity("测试市教育局", "测试市", now);
            var county = city.CreateChild("测试县教育局", "测试县", now);
            var (kinds, rules) = DrillDefaults.For(city);
            var empty = School.Create(county, new SchoolDetails("育英小学", SchoolKind.Primary, false, false, 600, 40, 12, null), now);
            var done = School.Create(county, new SchoolDetails("明德小学", SchoolKind.Primary, false, false, 500, 35, 10, null), now);
            db.AddRange(city, county, empty, done);
            db.DrillKinds.AddRange(kinds);
            db.DrillRules.AddRange(rules);
            AppUser[] users =
            [
                AppUser.ForSchool(empty, "yy.director", "育英安全主任", UserRole.SafetyDirector, now),
                AppUser.ForSchool(empty, "yy.principal", "育英校长", UserRole.Principal, now),
                AppUser.ForSchool(empty, "yy.teacher", "育英教师", UserRole.SchoolStaff, now),
                AppUser.ForSchool(done, "md.director", "明德安全主任", UserRole.SafetyDirector, now),
                AppUser.ForBureau(county, "cs.safety", "测试县安全科", UserRole.BureauSafetyOfficer, now),
                AppUser.ForBureau(county, "cs.admin", "测试县管理员", UserRole.BureauAdmin, now),
            ];
            db.Users.AddRange(users);
            await db.SaveChangesAsync();

            var photo = DemoPng.Scene(16, 12, (100, 150, 200), (50, 120, 50));
            var file = new StoredFile { ScopePath = done.ScopePath, FileName = "p.png", ContentType = "image/png", Length = photo.Length, Sha256 = "x", Content = photo, UploadedAt = now };
            db.StoredFiles.Add(file);
            var drill = Drill.Schedule(done, kinds.Single(k => k.Code == "fire"), new DrillPlan(new DateOnly(2026, 11, 5), null, "教学楼起火", null, "安全办", null), null, now);
            drill.AddPhoto(file);
            drill.File(new DrillReport(480, 30, 200, "有序疏散。", null, []), done, new DateOnly(2026, 11, 6), null, now.AddDays(4));
            drill.Accept("cs.safety", null, now.AddDays(5));
            db.Drills.Add(drill);
            await db.SaveChangesAsync();

            (Empty, Done) = (empty.Id, done.Id);
            MonthlyRule = rules.Single(r => r.Period == DrillPeriod.Month).Id;
            foreach (var u in users)
            {
                Users[u.UserName!] = u.Id;
            }
        }
    }

    private static DateTimeOffset China(int month, int day) =>
        new(month == 1 ? 2027 : 2026, month, day, 8, 0, 0, TimeSpan.FromHours(8));

    private async Task<DrillReminderResult> RunAtAsync(DateTimeOffset at)
    {
        app.Clock.Set(at);
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        return await ActivatorUtilities.CreateInstance<DrillReminderJob>(scope.ServiceProvider).RunAsync();
    }

    private async Task<List<Notification>> NotificationsAsync(string prefix)
    {
        var scope = new TenantScope();
        scope.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, scope);
        return await db.Notifications.Where(n => n.IdempotencyKey.StartsWith(prefix)).OrderBy(n => n.IdempotencyKey).ToListAsync();
    }

    private async Task ClearAsync()
    {
        var scope = new TenantScope();
        scope.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, scope);
        await db.Notifications.ExecuteDeleteAsync();
    }

    [Fact]
    public async Task RemindTheDirectorAndPrincipalOnceWhenTheMonthEndsWithinAWeek()
    {
        await ClearAsync();
        var first = await RunAtAsync(China(11, 24));
        var second = await RunAtAsync(China(11, 24).AddHours(1));

        var reminders = await NotificationsAsync($"drill-remind:{app.Empty}:{app.MonthlyRule}:2026-11:");
        Assert.Equal(
            new[] { app.Users["yy.director"], app.Users["yy.principal"] }.Select(u => $"drill-remind:{app.Empty}:{app.MonthlyRule}:2026-11:{u}").Order(StringComparer.Ordinal),
            reminders.Select(n => n.IdempotencyKey).Order(StringComparer.Ordinal));
        Assert.Contains("2026-11-30 截止", reminders[0].Title, StringComparison.Ordinal);
        Assert.Contains("还剩 6 天", reminders[0].Title, StringComparison.Ordinal);
        Assert.Contains("育英小学", reminders[0].Body, StringComparison.Ordinal);
        Assert.True(first.Reminders >= 2);
        Assert.Equal(0, second.Reminders);
        Assert.Empty(await NotificationsAsync($"drill-remind:{app.Done}:{app.MonthlyRule}:"));
        Assert.DoesNotContain(await NotificationsAsync("drill-remind:"), n => n.UserId == app.Users["yy.teacher"]);
    }

    [Fact]
    public async Task NotRemindBeforeTheWindowOpens()
    {
        await ClearAsync();
        await RunAtAsync(China(11, 22)); // eight days before the month ends
        Assert.Empty(await NotificationsAsync($"drill-remind:{app.Empty}:{app.MonthlyRule}:"));

        await RunAtAsync(China(11, 23)); // seven: the rule's window opens
        Assert.Equal(2, (await NotificationsAsync($"drill-remind:{app.Empty}:{app.MonthlyRule}:2026-11:")).Count);
    }

    [Fact]
    public async Task TellTheCountyOfficerOnceAboutAMonthThatEndedShort()
    {
        await ClearAsync();
        var first = await RunAtAsync(China(12, 3));
        var second = await RunAtAsync(China(12, 4));

        var overdue = await NotificationsAsync($"drill-overdue:{app.Empty}:{app.MonthlyRule}:2026-11:");
        Assert.Equal([$"drill-overdue:{app.Empty}:{app.MonthlyRule}:2026-11:{app.Users["cs.safety"]}"], overdue.Select(n => n.IdempotencyKey));
        Assert.Equal(app.Users["cs.safety"], overdue[0].UserId);
        Assert.Equal($"/drills/school/{app.Empty}?period=2026-11", overdue[0].Link);
        Assert.Contains("育英小学", overdue[0].Title, StringComparison.Ordinal);
        Assert.True(first.OverdueNotices >= 1);
        Assert.Equal(0, second.OverdueNotices);
        Assert.Empty(await NotificationsAsync($"drill-overdue:{app.Done}:{app.MonthlyRule}:2026-11:"));
        Assert.DoesNotContain(await NotificationsAsync("drill-overdue:"), n => n.UserId == app.Users["cs.admin"]);
    }

    [Fact]
    public async Task ForgetAPeriodThatEndedMoreThanAWeekAgo()
    {
        await ClearAsync();
        await RunAtAsync(China(12, 8)); // November ended eight days ago

        Assert.Empty(await NotificationsAsync($"drill-overdue:{app.Empty}:{app.MonthlyRule}:2026-11:"));
    }
}
