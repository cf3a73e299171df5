using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Web.Data.Seeding;

/// <summary>
/// A year of early warnings and a few incidents in the demo city, made through the domain and relative to today:
/// twelve warning documents as in a county's year (flood season, drowning season, epidemics, holidays), most read
/// and replied to, the latest one still unread by a few schools; five incidents with follow-ups, one reported late
/// (a kitchen fire known at 14:12, reported at 15:40) and one the county learned of elsewhere (unreported), the older ones closed with a final report.
/// </summary>
public sealed class DemoEmergencySeeder(AppDbContext db, TimeProvider clock)
{
    private static readonly (int DaysAgo, string Bureau, WarningKind Kind, WarningLevel Level, string Title, string Actions)[] Warnings =
    [
        (340, "临江市教育局", WarningKind.Epidemic, WarningLevel.Yellow, "关于做好冬春季传染病防控工作的通知", "落实晨午检和因病缺课追踪登记，教室每日通风，发现聚集性病例两小时内报告。"),
        (300, "青山县教育局", WarningKind.Weather, WarningLevel.Blue, "关于防范低温雨雪冰冻天气的紧急通知", "排查校舍、围墙和树木，清除通道积雪结冰，必要时错峰上下学。"),
        (250, "青山县教育局", WarningKind.Fire, WarningLevel.Yellow, "关于清明节前后森林防火和校园消防安全的通知", "开展一次消防安全教育，检查灭火器和疏散通道，严禁学生带火种上山。"),
        (215, "临江市教育局", WarningKind.Drowning, WarningLevel.Orange, "关于切实做好学生防溺水工作的紧急通知", "落实“六不准”教育，发放告家长书，排查学校周边危险水域并设置警示。"),
        (190, "云溪区教育局", WarningKind.Weather, WarningLevel.Orange, "关于做好强降雨天气防范工作的紧急通知", "暂停户外活动，检查排水设施和低洼地带，做好学生安全转移预案。"),
        (165, "青山县教育局", WarningKind.Drowning, WarningLevel.Red, "关于暑假前开展防溺水专题教育的紧急通知", "放假前开展防溺水专题教育，家校签订安全承诺，假期落实每周提醒。"),
        (150, "临江市教育局", WarningKind.Weather, WarningLevel.Red, "关于防御台风“海葵”的紧急通知", "停课期间落实值班值守，加固门窗和户外设施，台风过后排查校舍再复课。"),
        (110, "云溪区教育局", WarningKind.Traffic, WarningLevel.Yellow, "关于开学季校车和上下学交通安全的通知", "核查校车和驾驶人资质，落实护学岗，开展一次交通安全教育。"),
        (80, "青山县教育局", WarningKind.PublicSecurity, WarningLevel.Blue, "关于国庆期间加强校园安全防范的通知", "落实节假日值班值宿和领导带班，加强门卫和夜间巡查。"),
        (45, "云溪区教育局", WarningKind.Epidemic, WarningLevel.Yellow, "关于防范诺如病毒感染性腹泻的通知", "加强食堂和饮用水管理，呕吐物规范消毒处置，出现病例及时报告。"),
        (20, "青山县教育局", WarningKind.Fire, WarningLevel.Yellow, "关于冬季校园消防安全和用电安全的通知", "检查宿舍用电，严禁使用大功率电器，开展一次夜间疏散演练。"),
        (2, "临江市教育局", WarningKind.Weather, WarningLevel.Orange, "关于防范寒潮大风天气的紧急通知", "加固户外设施，暂停高空和户外作业，做好学生防寒保暖。"),
    ];

    /// <summary>A one-page demo safety plan (a tiny PDF) stored under the school.</summary>
    private StoredFile Plan(School school, DateTimeOffset now)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% SafeCampus demo safety plan\n%%EOF\n");
        var file = new StoredFile
        {
            ScopePath = school.ScopePath, FileName = "安全预案.pdf", ContentType = "application/pdf", Length = bytes.Length,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), Content = bytes, UploadedBy = "demo", UploadedAt = now,
        };
        db.StoredFiles.Add(file);
        return file;
    }

    public async Task SeedAsync(IReadOnlyCollection<Bureau> bureaus, IReadOnlyCollection<School> schools, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().Where(u => u.Role != UserRole.SchoolStaff)
            .Select(u => new EmergencyActor(u.Id, u.FullName, u.Role, u.SchoolId, u.BureauId)).ToListAsync(ct);
        var officer = bureaus.ToDictionary(b => b.Id, b => users.Where(u => u.BureauId == b.Id && u.SchoolId == null).OrderByDescending(u => u.Role).First());
        var lead = schools.ToDictionary(s => s.Id, s => users.Where(u => u.SchoolId == s.Id).OrderByDescending(u => u.Role).First());
        static EmergencyActor Actor(EmergencyActor u) => u;

        foreach (var (n, w) in Warnings.Select((w, i) => (i, w)))
        {
            var bureau = bureaus.Single(b => b.Name == w.Bureau);
            var issuedAt = China.StartOfDay(DateOnly.FromDateTime(now.ToChina().DateTime).AddDays(-w.DaysAgo)).AddHours(9 + n % 3);
            var issueDay = DateOnly.FromDateTime(issuedAt.ToChina().DateTime);
            var text = $"{w.Title.Replace("关于", "").Replace("的紧急通知", "").Replace("的通知", "")}：据气象、卫健等部门研判，近期存在较高安全风险。各校要立即传达到每一位教职工，第一时间对学生开展安全教育，并按要求落实防范措施。";
            var warning = Warning.Issue(bureau, new WarningDraft(w.Kind, w.Level, w.Title, text, w.Actions, issueDay.AddDays(3), false), WarningTarget.Everyone,
                Actor(officer[bureau.Id]), issuedAt, issueDay);
            db.Warnings.Add(warning);
            foreach (var (school, i) in schools.Where(s => s.ScopePath.StartsWith(bureau.Path, StringComparison.Ordinal)).OrderBy(s => s.Name).Select((s, i) => (s, i)))
            {
                var copy = WarningRecipient.For(warning, school);
                var actor = Actor(lead[school.Id]);
                var recent = w.DaysAgo < 5;
                if (!(recent && i % 3 == 0))
                {
                    copy.ConfirmRead(actor, issuedAt.AddMinutes(20 + i * 7));
                }

                if (!recent && (i + n) % 9 != 0)
                {
                    copy.Reply($"已于当日召开专题会议传达，各班已开展安全教育；{w.Actions[..Math.Min(w.Actions.Length, 24)]}……已落实到位。", [], actor, issuedAt.AddHours(20 + i % 12));
                }

                db.WarningRecipients.Add(copy);
            }
        }

        await db.SaveChangesAsync(ct);

        var first = schools.Single(s => s.Name == "青山县第一中学");
        var primary = schools.Single(s => s.Name == "青山县实验小学");
        var kindergarten = schools.Single(s => s.Name == "云溪区第一幼儿园");
        var northHill = schools.Single(s => s.Name == "云溪区北山学校");
        var qingshan = bureaus.Single(b => b.Name == "青山县教育局");
        var at = (int daysAgo, int hour, int minute) => China.StartOfDay(DateOnly.FromDateTime(now.ToChina().DateTime).AddDays(-daysAgo)).AddHours(hour).AddMinutes(minute);

        var fall = Incident.Report(primary, new IncidentFacts(IncidentKind.Injury, IncidentLevel.General, at(120, 10, 5), at(120, 10, 10), "操场单杠区",
            "课间活动时一名四年级学生从单杠跌落，左臂疼痛。", 1, 0, "校医现场处置，班主任通知家长，送县人民医院检查。", "马强", "0736-5201234"), Actor(lead[primary.Id]), at(120, 10, 40));
        fall.Append("经医院检查为左前臂骨裂，已打石膏，无生命危险，学生情绪稳定。", IncidentLevel.General, 1, 0, "已对单杠区地面软垫进行检查更换。", false, Actor(lead[primary.Id]), at(120, 15, 0));
        fall.Append("学生已返校上课，家长对处置无异议；学校已开展体育器械安全检查。", IncidentLevel.General, 1, 0, null, true, Actor(lead[primary.Id]), at(110, 9, 0));

        var food = Incident.Report(first, new IncidentFacts(IncidentKind.FoodPoisoning, IncidentLevel.Larger, at(60, 12, 30), at(60, 18, 0), "学生食堂",
            "午餐后陆续有 14 名住校生出现腹痛、呕吐症状。", 14, 0, "立即停止供餐并封存留样，送医治疗，报告县疾控中心。", "孙国华", "0736-5209876"), Actor(lead[first.Id]), at(60, 18, 50));
        food.Append("疾控中心已采样，14 名学生经治疗症状缓解，其中 3 人留院观察。", IncidentLevel.Larger, 14, 0, "食堂暂停营业，全面消毒。", false, Actor(lead[first.Id]), at(59, 9, 0));
        food.Append("检测结果为诺如病毒感染，所有学生已康复返校；食堂整改后经市场监管部门验收恢复供餐。", IncidentLevel.Larger, 14, 0, null, true, Actor(lead[first.Id]), at(52, 10, 0));

        var fight = Incident.ReportByBureau(qingshan, first, new IncidentFacts(IncidentKind.Violence, IncidentLevel.General, at(30, 17, 40), at(29, 9, 0), "校外巷道",
            "放学后两名学生在校外发生肢体冲突，一人面部轻伤。家长向县局反映，学校未报送。", 1, 0, "县局责成学校调查处理并书面报告。", "陈晓燕", null),
            "家长来电反映（12345 热线转办），学校未按规定报送", Actor(officer[qingshan.Id]), at(29, 10, 0));
        fight.Append("学校已调查：系同学间矛盾引发，双方家长已调解，学校对相关学生进行教育并开展防欺凌专题班会。", IncidentLevel.General, 1, 0, null, false, Actor(lead[first.Id]), at(28, 16, 0));

        var fire = Incident.Report(kindergarten, new IncidentFacts(IncidentKind.Fire, IncidentLevel.General, at(9, 14, 10), at(9, 14, 12), "厨房",
            "厨房油锅起火，保育员用灭火毯扑灭，无人员受伤。", 0, 0, "切断燃气，疏散幼儿至操场，检查厨房设施。", "何平", "0736-8123456"), Actor(lead[kindergarten.Id]), at(9, 15, 40));

        var traffic = Incident.Report(northHill, new IncidentFacts(IncidentKind.Traffic, IncidentLevel.General, at(1, 7, 20), at(1, 7, 35), "学校门前北山路",
            "一名学生上学途中被电动车刮倒，右腿擦伤。", 1, 0, "护学岗老师现场处置，送乡卫生院包扎，已通知家长和交警。", lead[northHill.Id].Name, null), Actor(lead[northHill.Id]), at(1, 8, 0));
        traffic.Append("学生伤情为皮外伤，已包扎后返校；交警已对肇事车辆作出处理。", IncidentLevel.General, 1, 0, null, false, Actor(lead[northHill.Id]), at(1, 11, 0));

        db.Incidents.AddRange(fall, food, fight, fire, traffic);
        await db.SaveChangesAsync(ct);

        // Large activities: a spring outing done with its summary, an approved study trip next week, one waiting for
        // approval, one returned for a missing driver's licence.
        var todayChina = DateOnly.FromDateTime(now.ToChina().DateTime);
        var officerQs = Actor(officer[qingshan.Id]);
        LargeActivity Apply(School school, string title, int inDays, int appliedDaysBefore, string place, int pupils, int staff, string transport)
        {
            var plan = Plan(school, now);
            var date = todayChina.AddDays(inDays);
            var appliedOn = date.AddDays(-appliedDaysBefore);
            return LargeActivity.Apply(school, new ActivityApplication(title, date, place, pupils, staff, transport, "湘A·B3261 等（核载 45 人）", "李师傅（A1 驾照）",
                "已购买校方责任险、学生意外伤害险", pupils - 2), plan, Actor(lead[school.Id]), China.StartOfDay(appliedOn).AddHours(9), appliedOn);
        }

        var outing = Apply(primary, "四年级春季研学（青山森林公园）", -200, 12, "青山森林公园", 320, 24, "租用旅游大巴 8 辆");
        outing.Review(true, "同意。请落实分组带队和车辆检查。", officerQs, China.StartOfDay(outing.Date.AddDays(-6)).AddHours(10), outing.Date.AddDays(-6));
        outing.MarkDone("活动顺利完成，全程无安全事故；一名学生轻微晕车，带队校医处置。", Actor(lead[primary.Id]), China.StartOfDay(outing.Date).AddHours(18), outing.Date);
        var trip = Apply(first, "高二年级社会实践（县科技馆）", 6, 8, "青山县科技馆", 420, 28, "学校组织步行前往，沿途设护学岗");
        trip.Review(true, "同意。", officerQs, now.AddHours(-30), todayChina.AddDays(-1));
        var waiting = Apply(schools.Single(s => s.Name == "青山县城关第二小学"), "五年级秋游（柳溪湿地公园）", 9, 5, "柳溪湿地公园", 260, 20, "租用大巴 6 辆");
        var returned = Apply(schools.Single(s => s.Name == "青山县东湖镇初级中学"), "初一年级研学（市博物馆）", 12, 4, "临江市博物馆", 180, 12, "租用大巴 4 辆");
        returned.Review(false, "请补充驾驶人驾驶证和车辆营运证复印件后重新申请。", officerQs, now.AddHours(-3), todayChina);
        db.Activities.AddRange(outing, trip, waiting, returned);
        await db.SaveChangesAsync(ct);

        // Duty: this week's roster in most of 青山县's schools (nights too for boarding schools), logged so far except
        // by two schools; the county's own roster with its leader on duty; the winter holiday's roster published by
        // half the schools, so the bureau's check shows who is missing.
        string[] people = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"];
        var week = (From: todayChina.AddDays(-3), To: todayChina.AddDays(3));
        var winter = (From: todayChina.AddDays(45), To: todayChina.AddDays(75));
        var qsSchools = schools.Where(s => s.BureauId == qingshan.Id).OrderBy(s => s.Name).ToList();
        foreach (var (school, i) in qsSchools.Select((s, i) => (s, i)))
        {
            var leader = lead[school.Id];
            var leaderName = users.Where(u => u.SchoolId == school.Id && u.Role == UserRole.Principal).Select(u => u.Name).FirstOrDefault() ?? leader.Name;
            List<DutyShiftLine> Lines(DateOnly from, DateOnly to) => Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays)
                .SelectMany(d => school.IsBoarding
                    ? new[] { new DutyShiftLine(d, DutyShiftKind.Day, people[(d.DayNumber + i) % people.Length], $"1390736{(d.DayNumber + i) % 10000:0000}", leaderName),
                              new DutyShiftLine(d, DutyShiftKind.Night, people[(d.DayNumber + i + 3) % people.Length], null, leaderName) }
                    : [new DutyShiftLine(d, DutyShiftKind.Day, people[(d.DayNumber + i) % people.Length], $"1390736{(d.DayNumber + i) % 10000:0000}", leaderName)])
                .ToList();
            if (i < 13)
            {
                var roster = DutyRoster.Publish(school, qingshan, "本周值班值宿安排", week.From, week.To, Lines(week.From, week.To), leader, now.AddDays(-4), todayChina.AddDays(-4));
                db.DutyRosters.Add(roster);
                if (i % 6 != 5)
                {
                    for (var d = week.From; d < todayChina; d = d.AddDays(1))
                    {
                        db.DutyLogs.Add(DutyLog.Record(roster, d, (d.DayNumber + i) % 5 != 0, "校门、宿舍、食堂、配电房巡查三次",
                            (d.DayNumber + i) % 5 != 0 ? null : "夜间发现教学楼一楼窗户未关，已关好并告知班主任。", leader, China.StartOfDay(d).AddHours(21), d));
                    }
                }
            }

            if (i % 2 == 0)
            {
                db.DutyRosters.Add(DutyRoster.Publish(school, qingshan, "寒假值班值宿安排", winter.From, winter.To, Lines(winter.From, winter.To), leader, now, todayChina));
            }
        }

        var countyRoster = DutyRoster.Publish(null, qingshan, "县教育局本周值班安排", week.From, week.To,
            Enumerable.Range(0, 7).Select(d => new DutyShiftLine(week.From.AddDays(d), DutyShiftKind.Day, d % 2 == 0 ? "陈晓燕" : "刘军", "0736-5201110", "赵立新")).ToList(),
            officerQs, now.AddDays(-4), todayChina.AddDays(-4));
        db.DutyRosters.Add(countyRoster);
        await db.SaveChangesAsync(ct);
    }
}
