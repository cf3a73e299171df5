using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Hazards;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Web.Data.Seeding;

/// <summary>
/// A year of self-checks and hazards in the demo city, made through the domain so they obey the same rules as real
/// ones, deterministic per school name and relative to today:
/// <list type="bullet">
/// <item>Self-checks twice a month for twelve months; about one in ten periods missed (the last one missed by two
/// schools, so the overview and the to-do lists show overdue). About one check in five finds a hazard.</item>
/// <item>Hazards also come from daily reports. Old ones are mostly accepted (closed in 2–25 days), a few overdue or
/// escalated; recent ones are reported, planned or waiting for acceptance. Two major hazards, one escalated.</item>
/// <item>Each county inspected one school last month and issued a numbered notice for its three findings.</item>
/// </list>
/// The answers of hazard-free self-checks (most of them) are written with one INSERT … SELECT: the same rows the
/// domain makes, without tens of thousands of tracked entities.
/// </summary>
public sealed class DemoHazardsSeeder(AppDbContext db, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> MissedLastPeriod = ["青山县第一中学", "云溪区桃源小学"];

    private static readonly (string Area, string Place, string Text)[] Findings =
    [
        ("消防安全", "教学楼三楼走廊", "灭火器压力不足，已过检验期"),
        ("消防安全", "学生宿舍一楼", "安全出口指示灯不亮"),
        ("消防安全", "图书馆", "疏散通道堆放旧书架"),
        ("用电用气", "食堂操作间", "燃气报警器未定期检测"),
        ("用电用气", "学生宿舍", "发现学生私拉电线给电动车充电"),
        ("校舍安全", "操场东侧", "围墙出现裂缝，有倾斜迹象"),
        ("校舍安全", "教学楼二楼", "走廊栏杆松动"),
        ("食品卫生与饮用水", "食堂", "食品留样记录不全"),
        ("治安保卫", "学校大门", "外来人员登记不规范"),
        ("治安保卫", "监控室", "两处监控摄像头画面模糊"),
        ("教育教学设施与危化品", "化学实验室", "危化品柜未落实双人双锁"),
        ("防溺水", "学校西侧河塘", "警示牌被风吹倒"),
        ("交通与校车", "校门口", "减速带破损"),
        ("周边环境", "校门口对面", "流动摊点占道经营"),
    ];

    public async Task SeedAsync(ChecklistTemplate checklist, IReadOnlyCollection<School> schools, IReadOnlyList<Bureau> counties, CancellationToken ct = default)
    {
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var users = await db.Users.Where(u => u.SchoolId != null || u.Role == UserRole.BureauSafetyOfficer)
            .Select(u => new { u.Id, u.FullName, u.Role, u.SchoolId, u.BureauId }).ToListAsync(ct);
        HazardActor Lead(School s, UserRole role) =>
            users.FirstOrDefault(u => u.SchoolId == s.Id && u.Role == role) is { } u
                ? new HazardActor(u.Id, u.FullName, role, s.Id)
                : new HazardActor(null, role == UserRole.Principal ? "校长" : "安全副校长", role, s.Id);
        HazardActor Officer(Guid bureauId) =>
            users.FirstOrDefault(u => u.SchoolId == null && u.BureauId == bureauId) is { } u
                ? new HazardActor(u.Id, u.FullName, UserRole.BureauSafetyOfficer, null)
                : new HazardActor(null, "安全股", UserRole.BureauSafetyOfficer, null);

        var majors = 0;
        foreach (var school in schools.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var random = new Random(DemoDrillsSeeder.StableSeed(school.Name + "隐患"));
            var director = Lead(school, UserRole.SafetyDirector);
            var principal = Lead(school, UserRole.Principal);
            var officer = Officer(school.BureauId);
            var found = DemoDrillsSeeder.Photo(school, director.UserId, now, "隐患照片.png");
            var fixedPhoto = DemoDrillsSeeder.Photo(school, director.UserId, now, "整改照片.png");
            db.StoredFiles.AddRange(found, fixedPhoto);

            var current = SelfCheckPeriod.Containing(today, 2);
            var lastPeriod = true;
            for (var period = current.Previous(2); period.Start > today.AddYears(-1); period = period.Previous(2), lastPeriod = false)
            {
                if (lastPeriod ? MissedLastPeriod.Contains(school.Name) : random.NextDouble() < 0.08)
                {
                    continue;
                }

                var date = period.Start.AddDays(random.Next(0, period.End.DayNumber - period.Start.DayNumber + 1));
                var hazardItem = random.NextDouble() < 0.2 ? checklist.Items[random.Next(checklist.Items.Count)] : null;
                var answers = checklist.Items.Select(i => new SelfCheckAnswer(i.Id, i == hazardItem ? CheckResult.Hazard : CheckResult.Ok,
                    i == hazardItem ? Findings.FirstOrDefault(f => f.Area == i.Area).Text ?? i.Text : null)).ToList();
                var check = SelfCheck.Submit(school, checklist, period.Key, date, answers, director, DemoDrillsSeeder.At(date, 16, 30));
                db.SelfChecks.Add(check);
                if (hazardItem is null)
                {
                    check.Answers.Clear(); // written below in one INSERT … SELECT
                    continue;
                }

                var hazard = Hazard.Report(school, new HazardReport(hazardItem.Text[..Math.Min(100, hazardItem.Text.Length)], answers.Single(a => a.ItemId == hazardItem.Id).Note!,
                    hazardItem.Area, HazardGrade.General, date, director.Name), HazardSource.SelfCheck, director, DemoDrillsSeeder.At(date, 16, 30), date, selfCheckId: check.Id);
                check.LinkHazard(hazardItem.Id, hazard.Id);
                Progress(hazard, date, today, random, director, principal, officer, found, fixedPhoto);
                db.Hazards.Add(hazard);
            }

            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var date = today.AddDays(-random.Next(1, 360));
                var f = Findings[random.Next(Findings.Length)];
                var major = majors < 2 && school.Kind == SchoolKind.Senior;
                majors += major ? 1 : 0;
                var hazard = Hazard.Report(school, new HazardReport(f.Place, f.Text, f.Area, major ? HazardGrade.Major : HazardGrade.General, date, director.Name),
                    HazardSource.Report, director, DemoDrillsSeeder.At(date, 10, 15), date);
                hazard.AddPhoto(found, evidence: false);
                if (major)
                {
                    // A major hazard the school cannot fix alone: escalated, supervised, still being rectified.
                    hazard.Plan(new HazardPlan(principal.Name, today.AddDays(random.Next(10, 40)), "设置警戒隔离，申请专项资金维修加固", 380000m, 80000m), director, DemoDrillsSeeder.At(date, 15, 0));
                    hazard.Escalate("维修加固需资金约 38 万元，学校公用经费无法承担，申请教育局统筹解决。", 300000m, principal, DemoDrillsSeeder.At(date.AddDays(1), 9, 0));
                    if (majors == 1)
                    {
                        hazard.Supervise("请先设置隔离警戒，确保师生安全；局里已列入下月维修计划。", today.AddDays(20), officer, DemoDrillsSeeder.At(date.AddDays(3), 10, 0), date.AddDays(3));
                    }
                }
                else
                {
                    Progress(hazard, date, today, random, director, principal, officer, found, fixedPhoto);
                }

                db.Hazards.Add(hazard);
            }

            if (random.NextDouble() < 0.4)
            {
                // Just reported this week: waiting for a plan.
                var date = today.AddDays(-random.Next(0, 6));
                var f = Findings[random.Next(Findings.Length)];
                var fresh = Hazard.Report(school, new HazardReport(f.Place, f.Text, f.Area, HazardGrade.General, date, director.Name),
                    HazardSource.Report, director, Min(DemoDrillsSeeder.At(date, 8, 40), now), date);
                fresh.AddPhoto(found, evidence: false);
                db.Hazards.Add(fresh);
            }
        }

        foreach (var county in counties)
        {
            Inspect(county, schools.Where(s => s.BureauId == county.Id).OrderBy(s => s.Name, StringComparer.Ordinal).ToList(), today, Officer(county.Id), Lead);
        }

        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "SelfCheckAnswers" ("SelfCheckId", "ItemId", "Result")
            SELECT c."Id", i."Id", 1
            FROM "SelfChecks" c JOIN "ChecklistItems" i ON i."TemplateId" = c."TemplateId"
            WHERE NOT EXISTS (SELECT 1 FROM "SelfCheckAnswers" a WHERE a."SelfCheckId" = c."Id")
            """, ct);
    }

    /// <summary>Takes a hazard as far as its age suggests: old ones mostly closed, recent ones still open.</summary>
    private static void Progress(Hazard h, DateOnly found, DateOnly today, Random random, HazardActor director, HazardActor principal, HazardActor officer,
        StoredFile foundPhoto, StoredFile fixedPhoto)
    {
        if (h.Source != HazardSource.SelfCheck || random.NextDouble() < 0.5)
        {
            if (h.Photos.Count == 0)
            {
                h.AddPhoto(foundPhoto, evidence: false);
            }
        }

        var age = today.DayNumber - found.DayNumber;
        var roll = random.NextDouble();
        if (age < 12 && roll < 0.5)
        {
            return; // reported, no plan yet
        }

        var days = random.Next(2, 26);
        var deadline = found.AddDays(random.Next(5, 31));
        h.Plan(new HazardPlan(director.Name, deadline, "落实专人负责，限期整改到位", random.NextDouble() < 0.3 ? random.Next(1, 50) * 100m : null, null),
            director, DemoDrillsSeeder.At(found.AddDays(1), 9, 0).AddMinutes(random.Next(0, 300)));
        var closing = found.AddDays(days);
        var open = age < 15 ? roll < 0.55 : age < 45 ? roll < 0.3 : roll < 0.1;
        if (open || closing >= today)
        {
            if (age >= 45 && roll < 0.04)
            {
                h.Escalate("整改需要较大资金，学校无力承担，申请教育局协调解决。", random.Next(5, 30) * 1000m, principal, DemoDrillsSeeder.At(deadline, 10, 0));
            }

            return; // being rectified (overdue when the deadline has passed)
        }

        h.AddPhoto(fixedPhoto, evidence: true);
        h.Rectify("已按整改措施整改到位，附整改后照片。", director, DemoDrillsSeeder.At(closing.AddDays(-1), 17, 0));
        if (closing >= today.AddDays(-7) && roll < 0.5)
        {
            return; // waiting for acceptance
        }

        var signer = h.NeedsBureauAcceptance ? officer : principal;
        h.Accept(signer, null, DemoDrillsSeeder.At(closing, 11, 0), closing);
    }

    private void Inspect(Bureau county, List<School> schools, DateOnly today, HazardActor officer, Func<School, UserRole, HazardActor> lead)
    {
        var school = schools[1 % schools.Count];
        var date = today.AddDays(-20);
        var now = DemoDrillsSeeder.At(date, 15, 0);
        var inspection = Inspection.Record(school, county, date, $"{officer.Name}、王刚（{county.ShortName ?? county.Name}教育局安全股）", "秋季学期安全大检查", officer, now, today);
        db.Inspections.Add(inspection);
        var issuedAt = DemoDrillsSeeder.At(date.AddDays(1), 10, 0);
        var notice = RectificationNotice.Issue(inspection, HazardSettings.DefaultPrefix(county), today.Year, 1, date.AddDays(15), officer, issuedAt, date.AddDays(1));
        db.RectificationNotices.Add(notice);
        db.NoticeCounters.Add(NoticeCounterFor(county, today.Year));
        var director = lead(school, UserRole.SafetyDirector);
        var photo = DemoDrillsSeeder.Photo(school, officer.UserId, now, "检查照片.png");
        var fixedPhoto = DemoDrillsSeeder.Photo(school, director.UserId, now, "复查照片.png");
        db.StoredFiles.AddRange(photo, fixedPhoto);
        foreach (var (f, i) in Findings.Where(f => f.Area is "消防安全" or "治安保卫" or "教育教学设施与危化品").Take(3).Select((f, i) => (f, i)))
        {
            var hazard = Hazard.Report(school, new HazardReport(f.Place, f.Text, f.Area, HazardGrade.General, date, officer.Name),
                HazardSource.BureauInspection, officer, now, date, inspectionId: inspection.Id);
            hazard.AddPhoto(photo, evidence: false);
            hazard.AttachNotice(notice.Id, notice.Number, notice.Deadline, officer, issuedAt);
            hazard.Plan(new HazardPlan(director.Name, notice.Deadline, "按整改通知书要求逐项整改", null, null), director, issuedAt.AddDays(1));
            if (i < 2)
            {
                hazard.AddPhoto(fixedPhoto, evidence: true);
                hazard.Rectify("已整改完毕，附整改后照片。", director, issuedAt.AddDays(5));
                if (i == 0)
                {
                    hazard.Accept(officer, "复查合格", issuedAt.AddDays(8), date.AddDays(9));
                }
            }

            db.Hazards.Add(hazard);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static NoticeCounter NoticeCounterFor(Bureau county, int year)
    {
        var counter = NoticeCounter.Create(county, year);
        counter.Take();
        return counter;
    }
}
