using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Defences;

/// <summary>
/// A small city for the 三防 tests, with hand-computed figures. 甲县: 第一小学 (860 people), 第二小学 (1,900 people: needs
/// ⌈1900 × 2‰⌉ = 4 full-time guards), 第一中学 (1,500, boarding). 乙县: 幼儿园 (340). Each school has a safety director
/// and a principal; each county a safety officer; the city a safety officer.
/// </summary>
public sealed class DefenceTestCity
{
    public Bureau City { get; private set; } = default!;
    public Bureau CountyA { get; private set; } = default!;
    public Bureau CountyB { get; private set; } = default!;
    public School Primary1 { get; private set; } = default!;
    public School Primary2 { get; private set; } = default!;
    public School Junior1 { get; private set; } = default!;
    public School Kindergarten { get; private set; } = default!;
    public Dictionary<string, string> Users { get; } = [];

    public static readonly DateOnly November = new(2026, 11, 1);
    public static readonly DateOnly October = new(2026, 10, 1);

    /// <summary>An instant in China time (UTC+8).</summary>
    public static DateTimeOffset China(int month, int day, int hour = 9) => new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    public static async Task<DefenceTestCity> CreateAsync(string connectionString, string prefix = "")
    {
        var t = new DefenceTestCity();
        var now = China(9, 1);
        var scope = new TenantScope();
        scope.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(connectionString, scope);
        t.City = Bureau.CreateCity($"{prefix}测试市教育局", null, now);
        t.CountyA = t.City.CreateChild($"{prefix}甲县教育局", null, now);
        t.CountyB = t.City.CreateChild($"{prefix}乙县教育局", null, now);
        t.Primary1 = School.Create(t.CountyA, new SchoolDetails($"{prefix}甲县第一小学", SchoolKind.Primary, false, false, 800, 60, 20, null), now);
        t.Primary2 = School.Create(t.CountyA, new SchoolDetails($"{prefix}甲县第二小学", SchoolKind.Primary, false, false, 1800, 100, 40, null), now);
        t.Junior1 = School.Create(t.CountyA, new SchoolDetails($"{prefix}甲县第一中学", SchoolKind.Junior, false, true, 1400, 100, 30, null), now);
        t.Kindergarten = School.Create(t.CountyB, new SchoolDetails($"{prefix}乙县幼儿园", SchoolKind.Kindergarten, false, false, 300, 40, 10, null), now);
        db.AddRange(t.City, t.CountyA, t.CountyB, t.Primary1, t.Primary2, t.Junior1, t.Kindergarten);
        var users = new List<AppUser>();
        foreach (var (school, code) in new[] { (t.Primary1, "p1"), (t.Primary2, "p2"), (t.Junior1, "j1"), (t.Kindergarten, "k1") })
        {
            users.Add(AppUser.ForSchool(school, $"{prefix}{code}.director", "安全主任", UserRole.SafetyDirector, now));
            users.Add(AppUser.ForSchool(school, $"{prefix}{code}.principal", "校长", UserRole.Principal, now));
            users.Add(AppUser.ForSchool(school, $"{prefix}{code}.teacher", "教师", UserRole.SchoolStaff, now));
        }

        users.Add(AppUser.ForBureau(t.CountyA, $"{prefix}a.safety", "甲县安全科", UserRole.BureauSafetyOfficer, now));
        users.Add(AppUser.ForBureau(t.CountyA, $"{prefix}a.admin", "甲县管理员", UserRole.BureauAdmin, now));
        users.Add(AppUser.ForBureau(t.CountyB, $"{prefix}b.safety", "乙县安全科", UserRole.BureauSafetyOfficer, now));
        users.Add(AppUser.ForBureau(t.City, $"{prefix}city.safety", "市安全科", UserRole.BureauSafetyOfficer, now));
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        foreach (var u in users)
        {
            t.Users[u.UserName![prefix.Length..]] = u.Id;
        }

        return t;
    }

    /// <summary>Values meeting every default standard for a small school (4 full-time guards, 2 gates, wall 2.2 m).</summary>
    public static Dictionary<string, decimal> Compliant(params (string Field, decimal Value)[] overrides)
    {
        var v = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            [DefenceFields.Guards] = 4, [DefenceFields.FullTimeGuards] = 4, [DefenceFields.TrainedGuards] = 4, [DefenceFields.GuardsOver60] = 0,
            [DefenceFields.OpenGates] = 2, [DefenceFields.DormManagers] = 0, [DefenceFields.FullTimeDormManagers] = 0,
            [DefenceFields.PatrolTeam] = 1, [DefenceFields.NightWatch] = 1, [DefenceFields.ResidentPolice] = 0, [DefenceFields.LegalVicePrincipal] = 1,
            [DefenceFields.WallHeight] = 2.2m, [DefenceFields.CampusClosed] = 1, [DefenceFields.Bollards] = 1, [DefenceFields.PoliceEquipment] = 12,
            [DefenceFields.FireExtinguishers] = 40, [DefenceFields.EmergencyLights] = 30, [DefenceFields.EvacuationSigns] = 25,
            [DefenceFields.Cameras] = 60, [DefenceFields.FullCoverage] = 1, [DefenceFields.DigitalSignal] = 1, [DefenceFields.CamerasOutsideGate] = 1,
            [DefenceFields.CamerasNetworked] = 1, [DefenceFields.OneKeyAlarm] = 1, [DefenceFields.DormAlarms] = 0, [DefenceFields.MonitoringStaffed] = 1,
            [DefenceFields.VideoDays] = 30,
        };
        foreach (var (field, value) in overrides)
        {
            v[field] = value;
        }

        return v;
    }
}

/// <summary>The app on a database of its own with a <see cref="DefenceTestCity"/>; test classes add their data on top.</summary>
public class DefenceCityFixture : AppFactory
{
    public DefenceTestCity City { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        City = await DefenceTestCity.CreateAsync(ConnectionString);
    }

    /// <summary>A school's return for a month with its values, read past the tenant filter; null when there is none.</summary>
    public Task<DefenceReturn?> LoadReturnAsync(Guid schoolId, DateOnly month) =>
        QueryAsync(db => db.DefenceReturns.AsNoTracking().Include(r => r.Values).SingleOrDefaultAsync(r => r.SchoolId == schoolId && r.Month == month));
}
