using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Education;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Education;

/// <summary>
/// A small city on Tuesday 2026-10-20, 10:00 China time, default calendar (autumn term from Tuesday 1 September,
/// National Day 1–7 October). The city keeps the default settings with one change: 小班 one lesson every four weeks.
/// 东县 has its own settings: one lesson every week. 西县 inherits the city's.
/// <list type="bullet">
/// <item>东县 育才小学 (a1): class 一年级1班.</item>
/// <item>西县 明德小学 (b1): classes 一年级1班, 一年级2班; 西县 阳光幼儿园 (kb): 小(1)班, 大(1)班.</item>
/// </list>
/// Users (password <see cref="TestUsers.Password"/>): a1.director, b1.director, b1.principal, b1.teacher, kb.director,
/// east.safety, west.safety, city.safety.
/// </summary>
public class EducationFixture : AppFactory
{
    public static readonly DateTimeOffset Now = new(2026, 10, 20, 10, 0, 0, TimeSpan.FromHours(8));

    public Bureau City { get; private set; } = default!;
    public Bureau East { get; private set; } = default!;
    public Bureau West { get; private set; } = default!;
    public School A1 { get; private set; } = default!;
    public School B1 { get; private set; } = default!;
    public School Kb { get; private set; } = default!;
    public Dictionary<string, Guid> Classes { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Clock.Set(Now);
        var now = Now.ToUniversalTime();
        await using (var scope = Services.CreateAsyncScope())
        {
            using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            City = Bureau.CreateCity("测试市教育局", "测试市", now);
            East = City.CreateChild("东县教育局", "东县", now);
            West = City.CreateChild("西县教育局", "西县", now);
            A1 = School.Create(East, new SchoolDetails("育才小学", SchoolKind.Primary, false, false, 600, 40, 12, null), now);
            B1 = School.Create(West, new SchoolDetails("明德小学", SchoolKind.Primary, false, false, 500, 35, 10, null), now);
            Kb = School.Create(West, new SchoolDetails("阳光幼儿园", SchoolKind.Kindergarten, false, false, 200, 20, 6, null), now);
            db.AddRange(City, East, West, A1, B1, Kb);
            var (settings, rules, posts) = EducationDefaults.For(City);
            rules.Single(r => r.Grade == "小班").Update(LessonAudience.Kindergartens, "小班", 4, 1);
            db.AddRange(settings);
            db.AddRange(rules);
            db.AddRange(posts);
            var east = EducationSettings.Create(East, ["交通安全"]);
            db.AddRange(east, LessonRule.Create(East, LessonAudience.Schools, null, 1, 1));
            foreach (var (school, name, grade) in new[] { (A1, "一年级1班", "一年级"), (B1, "一年级1班", "一年级"), (B1, "一年级2班", "一年级"), (Kb, "小(1)班", "小班"), (Kb, "大(1)班", "大班") })
            {
                var c = SchoolClass.Create(school, grade, name, now);
                db.Add(c);
                Classes[$"{school.Name}/{name}"] = c.Id;
            }

            await db.SaveChangesAsync();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var user in new[]
            {
                AppUser.ForSchool(A1, "a1.director", "东县安全主任", UserRole.SafetyDirector, now),
                AppUser.ForSchool(B1, "b1.director", "明德安全主任", UserRole.SafetyDirector, now),
                AppUser.ForSchool(B1, "b1.principal", "明德校长", UserRole.Principal, now),
                AppUser.ForSchool(B1, "b1.teacher", "明德教师", UserRole.SchoolStaff, now),
                AppUser.ForSchool(Kb, "kb.director", "阳光安全主任", UserRole.SafetyDirector, now),
                AppUser.ForBureau(East, "east.safety", "东县安全科", UserRole.BureauSafetyOfficer, now),
                AppUser.ForBureau(West, "west.safety", "西县安全科", UserRole.BureauSafetyOfficer, now),
                AppUser.ForBureau(City, "city.safety", "市安全科", UserRole.BureauSafetyOfficer, now),
            })
            {
                user.Email = $"{user.UserName}@test.safecampus.local";
                var result = await users.CreateAsync(user, TestUsers.Password);
                Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
    }

    public Guid Class(School school, string name) => Classes[$"{school.Name}/{name}"];

    public async Task<T> AsAsync<T>(string userName, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await ScopeAsAsync(userName);
        return await action(scope.ServiceProvider);
    }

    public Task<int> RecordAsync(string userName, DateOnly date, string topic, params Guid[] classes) =>
        AsAsync(userName, sp => sp.GetRequiredService<LessonService>().RecordAsync(new LessonEntry(date, topic, "王老师", 40), classes, []));

    public AppDbContext SystemContext()
    {
        var scope = new TenantScope();
        scope.EnterSystem("test");
        return TestDatabase.CreateContext(ConnectionString, scope);
    }
}
