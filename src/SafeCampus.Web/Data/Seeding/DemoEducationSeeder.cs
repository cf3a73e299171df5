using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Education;
using SafeCampus.Web.Features.Pledges;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Web.Data.Seeding;

/// <summary>
/// Safety education of the demo city, made through the domain: the city's default settings (calendar, lesson rules,
/// nine posts), every school's classes (its class count, in the grades of its kind), the current term's lessons up to
/// today at a completion that varies by school (most above 80 %, a few well below, a grade at a time as schools do),
/// each school's people in safety posts (a few schools leave a required post empty), and this year's training
/// sessions of each county with attendance that varies by school, and two theme activities per county (one finished,
/// one current) with schools' filings. Deterministic: choices come from a generator
/// seeded by the school's name, dates are relative to today.
/// </summary>
public sealed class DemoEducationSeeder(AppDbContext db, TimeProvider clock, ReceiptTokens tokens)
{
    /// <summary>These schools leave one required post empty.</summary>
    public static readonly IReadOnlyList<string> VacantPostSchools = ["青山县西岭乡中心小学", "云溪区桃源小学", "云溪区金色童年幼儿园"];

    private static readonly string[] Surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华", "志强", "海燕", "玉兰", "国平"];

    public async Task SeedAsync(Bureau city, IReadOnlyCollection<School> schools, IReadOnlyCollection<Bureau> counties, CancellationToken ct = default)
    {
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var (settings, rules, posts) = EducationDefaults.For(city);
        db.EducationSettings.Add(settings);
        db.LessonRules.AddRange(rules);
        db.SafetyPosts.AddRange(posts);
        var term = settings.TermFor(today);
        var people = new Dictionary<Guid, List<SafetyPerson>>();
        foreach (var school in schools.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes("edu:" + school.Name)), 0));
            var classes = Classes(school, now).ToList();
            db.SchoolClasses.AddRange(classes);
            SeedLessons(school, classes, rules, term, today, now, random);
            people[school.Id] = SeedPeople(school, posts, now, random);
        }

        await db.SaveChangesAsync(ct);
        SeedTraining(counties, schools, people, today, now);
        SeedThemes(counties, schools, today, now);
        await db.SaveChangesAsync(ct);
    }

    private static IEnumerable<SchoolClass> Classes(School school, DateTimeOffset now)
    {
        string[] grades = school.Kind switch
        {
            SchoolKind.Kindergarten => ["小班", "中班", "大班"],
            SchoolKind.Primary => ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级"],
            SchoolKind.Junior => ["七年级", "八年级", "九年级"],
            SchoolKind.Senior => ["高一", "高二", "高三"],
            SchoolKind.NineYear => ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"],
            _ => ["一年级", "二年级", "三年级"],
        };
        var total = Math.Max(grades.Length, school.Classes);
        for (var g = 0; g < grades.Length; g++)
        {
            var count = total / grades.Length + (g < total % grades.Length ? 1 : 0);
            for (var n = 1; n <= count; n++)
            {
                var name = school.Kind == SchoolKind.Kindergarten ? $"{grades[g][0]}（{n}）班" : $"{grades[g]}{n}班";
                yield return SchoolClass.Create(school, grades[g], name, now);
            }
        }
    }

    private void SeedLessons(School school, List<SchoolClass> classes, List<LessonRule> rules, Term term, DateOnly today, DateTimeOffset now, Random random)
    {
        // Most schools keep the rhythm; every fifth falls well behind.
        var completion = random.Next(5) == 0 ? 0.45 + random.NextDouble() * 0.25 : 0.82 + random.NextDouble() * 0.18;
        string[] topics = [.. EducationDefaults.Topics];
        foreach (var grade in classes.GroupBy(c => c.Grade))
        {
            var rule = LessonRule.For(rules, school.Kind, grade.Key);
            if (rule is null)
            {
                continue;
            }

            foreach (var interval in LessonMath.Intervals(term, rule.IntervalWeeks).Where(i => i.Start <= today))
            {
                var days = Enumerable.Range(0, interval.End.DayNumber - interval.Start.DayNumber + 1).Select(interval.Start.AddDays)
                    .Where(d => d <= today && term.IsTeachingDay(d)).ToList();
                if (days.Count == 0 || random.NextDouble() > completion)
                {
                    continue;
                }

                var date = days[random.Next(days.Count)];
                var topic = topics[random.Next(topics.Length)];
                var teacher = Name(random);
                var batch = Guid.CreateVersion7();
                foreach (var cls in grade.Where(_ => random.NextDouble() < 0.95))
                {
                    db.Lessons.Add(Lesson.Record(cls, new LessonEntry(date, topic, teacher, school.Kind == SchoolKind.Kindergarten ? 20 : 40), term, today, batch, [], "demo",
                        Min(China.StartOfDay(date).AddHours(17), now)));
                }
            }
        }
    }

    private List<SafetyPerson> SeedPeople(School school, List<SafetyPost> posts, DateTimeOffset now, Random random)
    {
        var list = new List<SafetyPerson>
        {
            SafetyPerson.Create(school, SafetyRole.Leader, null, Name(random), Phone(random), now),
            SafetyPerson.Create(school, SafetyRole.Director, null, Name(random), Phone(random), now),
        };
        var guards = school.Students switch { > 2000 => 4, > 800 => 3, _ => 2 };
        for (var i = 0; i < guards; i++)
        {
            list.Add(SafetyPerson.Create(school, SafetyRole.Guard, null, Name(random), Phone(random), now));
        }

        if (school.IsBoarding || school.Students < 800)
        {
            list.Add(SafetyPerson.Create(school, SafetyRole.BusDriver, null, Name(random), Phone(random), now));
            list.Add(SafetyPerson.Create(school, SafetyRole.BusEscort, null, Name(random), Phone(random), now));
        }

        var vacant = VacantPostSchools.Contains(school.Name) ? posts[random.Next(posts.Count)] : null;
        list.AddRange(posts.Where(p => p != vacant).Select(p => SafetyPerson.Create(school, SafetyRole.Administrator, p, Name(random), Phone(random), now)));
        db.SafetyPeople.AddRange(list);
        return list;
    }

    private void SeedTraining(IReadOnlyCollection<Bureau> counties, IReadOnlyCollection<School> schools, Dictionary<Guid, List<SafetyPerson>> people, DateOnly today, DateTimeOffset now)
    {
        var sessions = new (string Topic, int DaysAgo, decimal Hours, string Trainer, TrainingAudience Audience)[]
        {
            ("校园安全管理干部专题培训", 150, 4m, "县应急管理局 何志远", TrainingAudience.Leader | TrainingAudience.Director | TrainingAudience.Administrator),
            ("专职保安员业务能力培训", 60, 3m, "县公安局治安大队 刘建国", TrainingAudience.Guard),
            ("校车驾驶员和照管员安全培训", 30, 2m, "县交警大队 王磊", TrainingAudience.BusDriver | TrainingAudience.BusEscort),
        };
        foreach (var county in counties.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            foreach (var (topic, daysAgo, hours, trainer, audience) in sessions)
            {
                var date = today.AddDays(-daysAgo);
                if (date.Year != today.Year)
                {
                    date = new DateOnly(today.Year, 1, 15 + daysAgo % 10);
                }

                if (date > today)
                {
                    continue;
                }

                var token = tokens.New();
                var session = TrainingSession.ForBureau(county, new TrainingSpec(topic, date, hours, trainer, audience, Certificates: true), token.Hash, token.Protected,
                    China.StartOfDay(date.AddDays(2)), today, "demo", Min(China.StartOfDay(date.AddDays(-7)).AddHours(9), now));
                db.TrainingSessions.Add(session);
                var n = 0;
                foreach (var school in schools.Where(s => s.BureauId == county.Id).OrderBy(s => s.Name, StringComparer.Ordinal))
                {
                    var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"train:{school.Name}:{topic}")), 0));
                    var rate = random.Next(4) == 0 ? 0.5 : 0.9;
                    foreach (var person in people[school.Id].Where(p => session.IsFor(p.Role) && random.NextDouble() < rate))
                    {
                        var method = random.Next(3) == 0 ? AttendanceMethod.List : AttendanceMethod.SelfCheckIn;
                        db.TrainingAttendances.Add(TrainingAttendance.Record(session, person, method, $"PX{date:yyyyMMdd}-{session.Id.ToString("N")[^4..].ToUpperInvariant()}-{++n:000}",
                            method == AttendanceMethod.List ? "demo" : null, null, Min(China.StartOfDay(date).AddHours(10), now)));
                    }
                }
            }
        }
    }

    /// <summary>Per county: a finished theme activity most schools filed (some late), and a current one with few filings yet.</summary>
    private void SeedThemes(IReadOnlyCollection<Bureau> counties, IReadOnlyCollection<School> schools, DateOnly today, DateTimeOffset now)
    {
        var activities = new (string Theme, string Instructions, int Start, int Deadline, double Rate)[]
        {
            ("全国消防日", "11月9日前后组织一次消防安全主题班会和一次疏散演练，上传照片和简要总结。", -35, -15, 0.85),
            ("全国交通安全日", "12月2日前后开展交通安全主题教育（国旗下讲话、主题班会、致家长一封信），上传照片和简要总结。", -10, 7, 0.35),
        };
        foreach (var county in counties.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            foreach (var (theme, instructions, start, deadline, rate) in activities)
            {
                var launched = today.AddDays(start - 3);
                var activity = ThemeActivity.Launch(county, theme, instructions, today.AddDays(start), today.AddDays(deadline), launched, "demo", Min(China.StartOfDay(launched).AddHours(9), now));
                db.ThemeActivities.Add(activity);
                foreach (var school in schools.Where(s => s.BureauId == county.Id).OrderBy(s => s.Name, StringComparer.Ordinal))
                {
                    var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"theme:{school.Name}:{theme}")), 0));
                    if (random.NextDouble() > rate)
                    {
                        continue;
                    }

                    var held = today.AddDays(start + random.Next(0, Math.Max(1, Math.Min(deadline, 0) - start)));
                    var filedOn = held.AddDays(random.Next(0, 4) == 0 ? 22 : 1);
                    filedOn = filedOn > today ? today : filedOn;
                    db.ThemeFilings.Add(ThemeFiling.File(activity, school, new ThemeReport(held, (int)(school.Students * (0.8 + random.NextDouble() * 0.2)),
                        $"全校开展“{theme}”主题教育活动，各班召开主题班会，共 {school.Classes} 个班级参加。"), [], filedOn, "demo", Min(China.StartOfDay(filedOn).AddHours(16), now)));
                }
            }
        }
    }

    private static string Name(Random random) => Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)];

    private static string Phone(Random random) => "13" + random.Next(5, 10) + random.Next(10_000_000, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
