using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Data.Seeding;

/// <summary>
/// The demo city: 临江市教育局 with two county bureaus, 31 schools of every kind, safety districts and a user for
/// every role. All names are fictitious. Runs only on an empty database.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider dataProtection)
{
    public const string Password = "SafeCampus#2026";

    public static readonly IReadOnlyList<DemoLogin> Logins =
    [
        new("city.admin", "王建国", UserRole.BureauAdmin, "临江市教育局"),
        new("city.safety", "李红梅", UserRole.BureauSafetyOfficer, "临江市教育局"),
        new("qs.admin", "赵立新", UserRole.BureauAdmin, "青山县教育局"),
        new("qs.safety", "陈晓燕", UserRole.BureauSafetyOfficer, "青山县教育局"),
        new("yx.admin", "周海涛", UserRole.BureauAdmin, "云溪区教育局"),
        new("yx.safety", "吴静", UserRole.BureauSafetyOfficer, "云溪区教育局"),
        new("qs1z.principal", "刘志强", UserRole.Principal, "青山县第一中学"),
        new("qs1z.director", "孙国华", UserRole.SafetyDirector, "青山县第一中学"),
        new("qs1z.teacher", "周丽", UserRole.SchoolStaff, "青山县第一中学"),
        new("qssx.principal", "黄秀英", UserRole.Principal, "青山县实验小学"),
        new("qssx.director", "马强", UserRole.SafetyDirector, "青山县实验小学"),
        new("yxyey.principal", "郑晓梅", UserRole.Principal, "云溪区第一幼儿园"),
        new("yxyey.director", "何平", UserRole.SafetyDirector, "云溪区第一幼儿园"),
    ];

    private static readonly (string County, string Short, string[] Districts, SeedSchool[] Schools)[] Counties =
    [
        ("青山县教育局", "青山县", ["城关片区", "东湖片区", "西岭片区"],
        [
            new("青山县第一中学", SchoolKind.Senior, false, true, 2860, 236, 48, "城关镇文昌路 18 号", 0),
            new("青山县第二中学", SchoolKind.Senior, false, true, 2100, 180, 40, "城关镇青年路 66 号", 0),
            new("青山县城关初级中学", SchoolKind.Junior, false, false, 1650, 120, 33, "城关镇解放路 9 号", 0),
            new("青山县东湖镇初级中学", SchoolKind.Junior, false, true, 820, 72, 18, "东湖镇湖滨路 2 号", 1),
            new("青山县实验小学", SchoolKind.Primary, false, false, 2380, 128, 48, "城关镇人民路 120 号", 0),
            new("青山县城关第二小学", SchoolKind.Primary, false, false, 1520, 86, 30, "城关镇建设路 45 号", 0),
            new("青山县东湖镇中心小学", SchoolKind.Primary, false, false, 640, 45, 14, "东湖镇中心街 7 号", 1),
            new("青山县西岭乡中心小学", SchoolKind.Primary, false, true, 310, 28, 8, "西岭乡政府街 3 号", 2),
            new("青山县柳溪九年一贯制学校", SchoolKind.NineYear, false, true, 980, 85, 22, "柳溪镇学府路 1 号", 2),
            new("青山县职业技术学校", SchoolKind.Vocational, false, true, 1800, 130, 36, "城关镇工业园区创业大道 8 号", 0),
            new("青山县机关幼儿园", SchoolKind.Kindergarten, false, false, 420, 48, 12, "城关镇府前街 22 号", 0),
            new("青山县城关镇中心幼儿园", SchoolKind.Kindergarten, false, false, 360, 40, 10, "城关镇育英巷 5 号", 0),
            new("青山县东湖镇中心幼儿园", SchoolKind.Kindergarten, false, false, 210, 22, 7, "东湖镇湖滨路 16 号", 1),
            new("青山县小太阳幼儿园", SchoolKind.Kindergarten, true, false, 180, 20, 6, "城关镇和平路 88 号", 0),
            new("青山县育才双语幼儿园", SchoolKind.Kindergarten, true, false, 260, 30, 9, "城关镇滨江路 102 号", 0),
            new("青山县西岭乡中心幼儿园", SchoolKind.Kindergarten, false, false, 95, 10, 3, "西岭乡政府街 9 号", 2),
        ]),
        ("云溪区教育局", "云溪区", ["北片区", "南片区"],
        [
            new("云溪区第一高级中学", SchoolKind.Senior, false, true, 3100, 250, 56, "云溪大道 200 号", 0),
            new("云溪区实验中学", SchoolKind.Junior, false, false, 2200, 160, 44, "凤鸣路 35 号", 0),
            new("云溪区凤鸣初级中学", SchoolKind.Junior, false, false, 1180, 90, 24, "凤鸣路 118 号", 0),
            new("云溪区实验小学", SchoolKind.Primary, false, false, 2650, 140, 52, "云溪大道 66 号", 0),
            new("云溪区凤鸣小学", SchoolKind.Primary, false, false, 1380, 78, 28, "凤鸣路 72 号", 0),
            new("云溪区桃源小学", SchoolKind.Primary, false, false, 720, 48, 15, "桃源街道桃花路 3 号", 1),
            new("云溪区白沙九年一贯制学校", SchoolKind.NineYear, false, false, 1050, 88, 24, "白沙镇沙河路 10 号", 1),
            new("云溪区北山学校", SchoolKind.NineYear, false, true, 560, 60, 14, "北山乡北山路 1 号", 0),
            new("云溪区中等职业学校", SchoolKind.Vocational, false, true, 1500, 118, 30, "南湖科技园 12 号", 1),
            new("云溪区博雅民办学校", SchoolKind.NineYear, true, true, 1200, 95, 26, "南湖新城博雅路 9 号", 1),
            new("云溪区第一幼儿园", SchoolKind.Kindergarten, false, false, 450, 52, 13, "云溪大道 150 号", 0),
            new("云溪区凤鸣幼儿园", SchoolKind.Kindergarten, false, false, 300, 33, 9, "凤鸣路 90 号", 0),
            new("云溪区启明星幼儿园", SchoolKind.Kindergarten, true, false, 220, 26, 8, "南湖新城星光路 6 号", 1),
            new("云溪区金色童年幼儿园", SchoolKind.Kindergarten, true, false, 160, 18, 6, "桃源街道金桂路 21 号", 1),
            new("云溪区桃源街道幼儿园", SchoolKind.Kindergarten, false, false, 240, 25, 8, "桃源街道桃花路 30 号", 1),
        ]),
    ];

    /// <returns>False when the database already holds a bureau.</returns>
    public Task<bool> SeedAsync(CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            if (await db.Bureaus.AnyAsync(ct))
            {
                return false;
            }

            var now = clock.GetUtcNow();
            var city = Bureau.CreateCity("临江市教育局", "临江市", now);
            db.Bureaus.Add(city);
            var (drillKinds, drillRules) = Features.Drills.DrillDefaults.For(city);
            db.DrillKinds.AddRange(drillKinds);
            db.DrillRules.AddRange(drillRules);
            var checklist = Features.Hazards.ChecklistText.Default(city, now);
            db.ChecklistTemplates.Add(checklist);
            var bureaus = new Dictionary<string, Bureau> { [city.Name] = city };
            var schools = new Dictionary<string, School>();
            var countyDistricts = new Dictionary<Bureau, List<SafetyDistrict>>();
            foreach (var (name, shortName, districtNames, seedSchools) in Counties)
            {
                var county = city.CreateChild(name, shortName, now);
                db.Bureaus.Add(county);
                bureaus[name] = county;
                var districts = districtNames.Select(d => SafetyDistrict.Create(county, d)).ToList();
                db.SafetyDistricts.AddRange(districts);
                countyDistricts[county] = districts;
                foreach (var s in seedSchools)
                {
                    var school = School.Create(county, new SchoolDetails(s.Name, s.Kind, s.IsPrivate, s.IsBoarding, s.Students, s.Staff, s.Classes, s.Address), now);
                    school.AssignDistrict(districts[s.District]);
                    db.Schools.Add(school);
                    schools[s.Name] = school;
                }
            }

            await db.SaveChangesAsync(ct);

            // The named logins, then every other school's principal (no other accounts there), so that the bureau's
            // signing rates cover every school.
            foreach (var login in Logins.Concat(SchoolPrincipals()))
            {
                var user = bureaus.TryGetValue(login.Org, out var bureau)
                    ? AppUser.ForBureau(bureau, login.UserName, login.FullName, login.Role, now)
                    : AppUser.ForSchool(schools[login.Org], login.UserName, login.FullName, login.Role, now);
                user.Email = $"{login.UserName}@demo.safecampus.local";
                var result = await users.CreateAsync(user, Password);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
                }

                if (login.Role == UserRole.BureauSafetyOfficer && bureau is { Level: BureauLevel.County })
                {
                    foreach (var district in countyDistricts[bureau])
                    {
                        district.SetLiaison(user);
                    }
                }
            }

            await db.SaveChangesAsync(ct);
            await new DemoDrillsSeeder(db, clock).SeedAsync(drillKinds, schools.Values, ct);
            await new DemoPledgesSeeder(db, clock, new Features.Pledges.ReceiptTokens(dataProtection)).SeedAsync(city, schools.Values, ct);
            await new DemoHazardsSeeder(db, clock).SeedAsync(checklist, schools.Values, bureaus.Values.Where(b => b.Level == BureauLevel.County).ToList(), ct);
            await new DemoDefencesSeeder(db, clock).SeedAsync(schools.Values, ct);
            await new DemoEducationSeeder(db, clock, new Features.Pledges.ReceiptTokens(dataProtection))
                .SeedAsync(city, schools.Values, bureaus.Values.Where(b => b.Level == BureauLevel.County).ToList(), ct);
            await new DemoEmergencySeeder(db, clock).SeedAsync(bureaus.Values, schools.Values, ct);
            return true;
        }, ct);

    /// <summary>
    /// Principals of the schools without a named demo login: <c>qs02.principal</c> is the principal of the second
    /// school in 青山县's list, <c>yx04.principal</c> of the fourth in 云溪区's. Fictitious names, deterministic.
    /// </summary>
    public static IEnumerable<DemoLogin> SchoolPrincipals()
    {
        string[] surnames = ["张", "王", "李", "陈", "杨", "吴", "徐", "朱", "高", "林", "罗", "梁", "宋", "唐", "许", "韩"];
        string[] given = ["建军", "丽华", "卫东", "淑珍", "志刚", "桂英", "国庆", "秀兰", "文斌", "海燕", "德明", "春梅", "永生", "玉兰", "振华"];
        var named = Logins.Where(l => l.Role == UserRole.Principal).Select(l => l.Org).ToHashSet(StringComparer.Ordinal);
        var n = 0;
        foreach (var (_, shortName, _, seedSchools) in Counties)
        {
            var prefix = shortName == "青山县" ? "qs" : "yx";
            for (var i = 0; i < seedSchools.Length; i++)
            {
                if (named.Contains(seedSchools[i].Name))
                {
                    continue;
                }

                yield return new DemoLogin($"{prefix}{i + 1:00}.principal", surnames[n % surnames.Length] + given[n * 7 % given.Length], UserRole.Principal, seedSchools[i].Name);
                n++;
            }
        }
    }

    private sealed record SeedSchool(string Name, SchoolKind Kind, bool IsPrivate, bool IsBoarding, int Students, int Staff, int Classes, string Address, int District);
}

public sealed record DemoLogin(string UserName, string FullName, UserRole Role, string Org);
