using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Web.Data.Seeding;

/// <summary>
/// Drills of the demo schools from fourteen months ago up to "today" (the clock's) and four weeks ahead, made through
/// the domain (schedule, photo, file, accept or return) so they obey the same rules as real ones. Deterministic: each
/// school's choices come from a random generator seeded by its name, and the dates are relative to today.
/// <list type="bullet">
/// <item>Schools: one drill in every term month (March–June, September–December); kindergartens one a quarter.
/// Each semester opens with a fire drill and has a bus drill; most boarding schools add a night evacuation.</item>
/// <item>Past drills are mostly accepted; some months are missing (overdue); recent ones are often awaiting review;
/// a few past dates were never filed; drills of the coming four weeks are scheduled.</item>
/// <item>Two schools have a filing returned with a comment; every county has at least two filings awaiting review.</item>
/// </list>
/// </summary>
public sealed class DemoDrillsSeeder(AppDbContext db, TimeProvider clock)
{
    /// <summary>Their latest filing was returned with a comment.</summary>
    public static readonly IReadOnlyList<string> ReturnedSchools = ["青山县城关第二小学", "云溪区凤鸣小学"];

    private static readonly string[] OtherKinds = ["earthquake", "stampede", "flood", "food", "intruder"];
    private static readonly string[] Findings =
    [
        "东侧楼梯口疏散时略有拥堵，需要错峰下楼", "个别班级未按指定路线撤离", "部分学生未用湿毛巾或衣袖捂住口鼻",
        "二楼走廊一处应急照明灯不亮", "集合点清点人数用时偏长", "广播系统音量偏小，三楼部分教室听不清指令",
    ];

    private static readonly string[] ReturnComments =
    [
        "照片未能反映疏散全过程，请补充集合点清点人数的照片后重新提交。",
        "参加人数与在册人数差距较大，请说明未参加人员的情况后重新提交。",
    ];

    public async Task SeedAsync(IReadOnlyList<DrillKind> kinds, IReadOnlyCollection<School> schools, CancellationToken ct = default)
    {
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var byCode = kinds.ToDictionary(k => k.Code);
        var directors = await db.Users.Where(u => u.SchoolId != null && u.Role == UserRole.SafetyDirector)
            .Select(u => new { u.Id, SchoolId = u.SchoolId!.Value }).ToDictionaryAsync(u => u.SchoolId, u => u.Id, ct);
        var officers = await db.Users.Where(u => u.SchoolId == null && u.BureauId != null && u.Role == UserRole.BureauSafetyOfficer)
            .Select(u => new { u.Id, BureauId = u.BureauId!.Value }).ToListAsync(ct);

        var plans = schools.OrderBy(s => s.Name, StringComparer.Ordinal).SelectMany(s => Plan(s, today)).ToList();
        EnsureReviewWork(plans, today);

        var photos = new Dictionary<Guid, StoredFile>();
        foreach (var p in plans)
        {
            var school = p.School;
            var director = directors.GetValueOrDefault(school.Id);
            var reviewer = officers.FirstOrDefault(o => o.BureauId == school.BureauId)?.Id ?? "demo";
            var kind = byCode[p.KindCode];
            var created = Min(At(p.Date.AddDays(-p.Random.Next(7, 21)), 9, 30), now.AddHours(-2));
            var drill = Drill.Schedule(school, kind, new DrillPlan(p.Date, new TimeOnly(p.Random.Next(9, 16), 0), Scenario(p.KindCode, school, p.Random),
                Location(p.KindCode, school), school.Kind == SchoolKind.Kindergarten ? "园务办公室" : "学校安全办公室", null), director, created);
            db.Drills.Add(drill);
            if (p.Fate == Fate.Scheduled)
            {
                continue;
            }

            if (!photos.TryGetValue(school.Id, out var photo))
            {
                photo = Photo(school, director, now);
                photos[school.Id] = photo;
                db.StoredFiles.Add(photo);
            }

            drill.AddPhoto(photo);
            var students = (int)Math.Round(school.Students * (0.85 + p.Random.NextDouble() * 0.15));
            var staff = (int)Math.Round(school.Staff * (0.85 + p.Random.NextDouble() * 0.15));
            var seconds = p.Random.Next(90, 421);
            var findings = p.Random.NextDouble() < 0.4 ? Findings.OrderBy(_ => p.Random.Next()).Take(p.Random.Next(1, 3)).ToList() : [];
            var report = new DrillReport(students, staff, seconds, Summary(p.Date, kind.Name, students + staff, seconds, p.Random),
                findings.Count > 0 ? "已在班主任会上通报问题，调整疏散分流方案并安排专人整改，下次演练重点检查。" : null, findings);
            var submitted = Min(At(p.Date.AddDays(p.Random.Next(0, 3)), 17, 10), now.AddMinutes(-90));
            drill.File(report, school, today, director, submitted);
            var reviewed = Min(submitted.AddDays(p.Random.Next(1, 5)), now.AddMinutes(-30));
            switch (p.Fate)
            {
                case Fate.Accepted:
                    drill.Accept(reviewer, p.Random.NextDouble() < 0.25 ? "材料齐全，予以验收。" : null, reviewed);
                    break;
                case Fate.Returned:
                    drill.Return(reviewer, ReturnComments[p.Random.Next(ReturnComments.Length)], reviewed);
                    break;
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private enum Fate
    {
        Scheduled,
        Submitted,
        Accepted,
        Returned,
    }

    private sealed record PlannedDrill(School School, DateOnly Date, string KindCode, Random Random)
    {
        public Fate Fate { get; set; }
    }

    /// <summary>The school's drills from fourteen months back to four weeks ahead, each with its fate.</summary>
    private static List<PlannedDrill> Plan(School school, DateOnly today)
    {
        var random = new Random(StableSeed(school.Name));
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-14);
        var horizon = today.AddDays(28);
        var kindergarten = school.Kind == SchoolKind.Kindergarten;
        var nightEvacuation = school.IsBoarding && random.NextDouble() < 0.85;
        var planned = new List<(DateOnly Date, string Kind)>();
        for (var semester = Features.Drills.DrillPeriods.Containing(DrillPeriod.Semester, start); semester.Start <= horizon;
             semester = Features.Drills.DrillPeriods.Containing(DrillPeriod.Semester, semester.End.AddDays(1)))
        {
            var first = semester.Start.Month == 2 ? 3 : 9;
            var year = semester.Start.Year;
            List<int> months = kindergarten ? [first, first + 1 + random.Next(3)] : [first, first + 1, first + 2, first + 3];
            var kinds = new string[months.Count];
            kinds[0] = "fire";
            var bus = 1 + random.Next(months.Count - 1);
            kinds[bus] = "bus";
            if (!kindergarten && nightEvacuation)
            {
                var free = Enumerable.Range(1, months.Count - 1).Where(i => kinds[i] is null).ToList();
                kinds[free[random.Next(free.Count)]] = "night";
            }

            for (var i = 0; i < months.Count; i++)
            {
                planned.Add((Day(year, months[i], random), kinds[i] ?? OtherKinds[random.Next(OtherKinds.Length)]));
            }

            if (kindergarten && random.NextDouble() < 0.35)
            {
                var extra = months.Contains(first + 2) ? first + 3 : first + 2;
                planned.Add((Day(year, extra, random), random.NextDouble() < 0.5 ? "earthquake" : "stampede"));
            }
        }

        var result = new List<PlannedDrill>();
        foreach (var (date, kind) in planned.Where(p => p.Date >= start && p.Date <= horizon).OrderBy(p => p.Date))
        {
            var roll = random.NextDouble();
            var age = today.DayNumber - date.DayNumber;
            Fate? fate = date > today ? (roll < 0.85 ? Fate.Scheduled : null)
                : roll < 0.07 ? null // never held: the month or quarter goes overdue
                : age <= 10 ? (roll < 0.45 ? Fate.Submitted : roll < 0.85 ? Fate.Accepted : Fate.Scheduled)
                : age <= 40 ? (roll < 0.18 ? Fate.Submitted : Fate.Accepted)
                : Fate.Accepted;
            if (fate is { } f)
            {
                result.Add(new PlannedDrill(school, date, kind, new Random(random.Next())) { Fate = f });
            }
        }

        return result;
    }

    /// <summary>Two returned filings, and at least two filings awaiting review in every county, whatever today is.</summary>
    private static void EnsureReviewWork(List<PlannedDrill> plans, DateOnly today)
    {
        foreach (var name in ReturnedSchools)
        {
            if (plans.Where(p => p.School.Name == name && p.Fate is Fate.Accepted or Fate.Submitted && today.DayNumber - p.Date.DayNumber >= 3)
                    .MaxBy(p => p.Date) is { } latest)
            {
                latest.Fate = Fate.Returned;
            }
        }

        foreach (var county in plans.GroupBy(p => p.School.BureauId))
        {
            var missing = 2 - county.Count(p => p.Fate == Fate.Submitted);
            foreach (var p in county.Where(p => p.Fate == Fate.Accepted && !ReturnedSchools.Contains(p.School.Name))
                         .OrderByDescending(p => p.Date).ThenBy(p => p.School.Name, StringComparer.Ordinal).Take(Math.Max(missing, 0)))
            {
                p.Fate = Fate.Submitted;
            }
        }
    }

    /// <summary>A weekday between the 6th and the 26th.</summary>
    private static DateOnly Day(int year, int month, Random random)
    {
        var date = new DateOnly(year, month, random.Next(6, 27));
        return date.DayOfWeek switch
        {
            DayOfWeek.Saturday => date.AddDays(-1),
            DayOfWeek.Sunday => date.AddDays(1),
            _ => date,
        };
    }

    private static string Scenario(string kind, School school, Random random) => kind switch
    {
        "fire" when school.Kind == SchoolKind.Kindergarten => "幼儿园厨房油锅起火，教师带领幼儿沿疏散路线撤离至户外场地",
        "fire" => $"教学楼二楼{new[] { "化学实验室", "图书室", "配电室", "美术教室" }[random.Next(4)]}起火，烟雾蔓延，全校师生按疏散路线撤离至操场",
        "earthquake" => "发生 5.5 级地震，师生先就地避险，震感停止后有序疏散至操场",
        "stampede" => "课间操结束后楼梯口人员密集，模拟发生拥挤，按预案分流疏导",
        "flood" => "暴雨导致校园低洼处积水，组织学生转移，并开展防溺水自救互救演练",
        "night" => "学生宿舍楼夜间突发火情，宿管员和值班教师组织住宿生疏散",
        "bus" => "校车行驶途中发生故障冒烟，驾驶员和照管员组织学生紧急下车疏散",
        "food" => "午餐后多名学生出现呕吐腹泻症状，启动食物中毒应急处置流程",
        _ => "可疑人员持械闯入校门，安保人员和教师联动处置，学生就近躲避",
    };

    private static string Location(string kind, School school) => kind switch
    {
        "fire" or "earthquake" => school.Kind == SchoolKind.Kindergarten ? "活动室、户外场地" : "教学楼、操场",
        "stampede" => "教学楼楼梯",
        "flood" => "校园低洼处、操场",
        "night" => "学生宿舍楼",
        "bus" => "校门口校车停靠区",
        "food" => "食堂、医务室",
        _ => "校门、教学楼",
    };

    private static string Summary(DateOnly date, string kind, int people, int seconds, Random random)
    {
        var time = seconds >= 60 ? $"{seconds / 60}分{seconds % 60:00}秒" : $"{seconds}秒";
        string[] closing =
        [
            "各班按预定路线有序撤离，班主任清点人数后向指挥部报告，整个过程紧张有序，达到了预期效果。",
            "演练前召开了专题部署会并进行了安全教育，演练中各岗位人员到位及时，师生应急避险意识明显增强。",
            "演练结束后由分管校领导进行了点评，针对发现的问题提出了改进要求，并将在下次演练中检查落实。",
        ];
        return $"{date.Month}月{date.Day}日组织开展{kind}演练，共 {people} 名师生参加，用时{time}。{closing[random.Next(closing.Length)]}";
    }

    /// <summary>A small demo photo of the school (a drawn scene); another name draws another scene.</summary>
    internal static StoredFile Photo(School school, string? by, DateTimeOffset now, string fileName = "演练照片.png")
    {
        var seed = StableSeed(school.Name + fileName);
        var sky = ((byte)(110 + seed % 60), (byte)(160 + (seed >> 8) % 50), (byte)(200 + (seed >> 16) % 50));
        var ground = ((byte)(60 + (seed >> 4) % 50), (byte)(120 + (seed >> 12) % 50), (byte)(60 + (seed >> 20) % 40));
        var bytes = DemoPng.Scene(160, 120, sky, ground);
        return new StoredFile
        {
            ScopePath = school.ScopePath, FileName = fileName, ContentType = "image/png", Length = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Content = bytes, UploadedBy = by, UploadedAt = now,
        };
    }

    /// <summary>A hash of the name that is the same in every process (string.GetHashCode is not).</summary>
    internal static int StableSeed(string name)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }

    internal static DateTimeOffset At(DateOnly date, int hour, int minute) =>
        new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute)), China.TimeZone.BaseUtcOffset).ToUniversalTime();

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
