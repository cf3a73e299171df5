using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Tenancy;

/// <summary>
/// Every tenant-owned entity in the EF model, written inside 青山县 (scope A), read and written from every other
/// place in the tree. The entity list comes from the model, so a new entity is covered without touching this file —
/// except that it needs a factory below, and the tests fail until it has one.
/// </summary>
public sealed class TenancyMatrixShould(TenancyMatrixShould.Fixture app) : IClassFixture<TenancyMatrixShould.Fixture>
{
    public sealed class Fixture : AppFactory
    {
        public DemoOrg Org { get; private set; } = default!;
        public string SchoolUserId { get; private set; } = "";
        public DrillKind FireDrillKind { get; private set; } = default!;
        public MatrixPledges Pledges { get; private set; } = default!;
        public ChecklistTemplate Checklist { get; private set; } = default!;
        public Inspection Inspection { get; private set; } = default!;
        public HazardCampaign Campaign { get; private set; } = default!;
        public MatrixEducation Education { get; private set; } = default!;
        public Warning Warning { get; private set; } = default!;
        public Guid PlanFileId { get; private set; }
        public DutyRoster Roster { get; private set; } = default!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await SeedDemoAsync();
            Org = await DemoOrg.LoadAsync(ConnectionString);
            var system = new TenantScope();
            using var _ = system.EnterSystem("test");
            await using var db = TestDatabase.CreateContext(ConnectionString, system);
            SchoolUserId = await db.Users.Where(u => u.UserName == "qs1z.teacher").Select(u => u.Id).SingleAsync();
            FireDrillKind = await db.DrillKinds.AsNoTracking().SingleAsync(k => k.Code == "fire");
            Pledges = await MatrixPledges.CreateAsync(db, Org, Clock);
            Checklist = (await db.ChecklistTemplates.AsNoTracking().Include(t => t.Items).Where(t => t.IsCurrent).ToListAsync())
                .First(t => Org.Qingshan.Path.StartsWith(t.ScopePath, StringComparison.Ordinal));
            Inspection = Inspection.Record(Org.QingshanFirstMiddle, Org.Qingshan, DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime), "矩阵检查组", null,
                MatrixActor, Clock.GetUtcNow(), DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime).AddDays(1));
            db.Inspections.Add(Inspection);
            var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
            Campaign = HazardCampaign.Create(Org.Qingshan, "矩阵专项检查", Checklist, CampaignScope.All, null, today, today.AddDays(10), MatrixActor, Clock.GetUtcNow(), today);
            db.HazardCampaigns.Add(Campaign);
            Education = MatrixEducation.Create(Org, Clock.GetUtcNow());
            db.AddRange(Education.Class, Education.Person, Education.Session, Education.Activity);
            Warning = Warning.Issue(Org.Qingshan, new WarningDraft(WarningKind.Weather, WarningLevel.Blue, "矩阵预警", "正文", "要求", today.AddDays(1), false),
                WarningTarget.Everyone, MatrixEmergencyActor(Org), Clock.GetUtcNow(), today);
            db.Warnings.Add(Warning);
            var plan = new StoredFile
            {
                ScopePath = Org.QingshanFirstMiddle.ScopePath, FileName = "plan.pdf", ContentType = "application/pdf", Length = 1, Sha256 = new string('0', 64),
                Content = [1], UploadedAt = Clock.GetUtcNow(),
            };
            db.StoredFiles.Add(plan);
            PlanFileId = plan.Id;
            Roster = DutyRoster.Publish(Org.QingshanFirstMiddle, Org.Qingshan, "矩阵值班表", today, today.AddDays(1), [new DutyShiftLine(today, DutyShiftKind.Day, "矩阵", null, null)],
                new EmergencyActor("matrix", "矩阵", UserRole.SafetyDirector, Org.QingshanFirstMiddle.Id, Org.Qingshan.Id), Clock.GetUtcNow(), today);
            db.DutyRosters.Add(Roster);
            await db.SaveChangesAsync();
        }
    }

    /// <summary>A 青山县 template of each layer and a campaign, saved, for the pledge entities that refer to them.</summary>
    public sealed record MatrixPledges(PledgeTemplate Template, PledgeCampaign Campaign, PledgeTemplateVersion StaffVersion, AppUser Teacher)
    {
        public static async Task<MatrixPledges> CreateAsync(AppDbContext db, DemoOrg org, TimeProvider clock)
        {
            var now = clock.GetUtcNow();
            var qingshan = await db.Bureaus.SingleAsync(b => b.Id == org.Qingshan.Id);
            var (template, principal) = PledgeTemplate.Create(qingshan, PledgeKind.BureauPrincipal, "矩阵责任书", "正文", null, now);
            var (staffTemplate, staff) = PledgeTemplate.Create(qingshan, PledgeKind.PrincipalStaff, "矩阵教职工责任书", "正文", null, now);
            var (parentTemplate, parent) = PledgeTemplate.Create(qingshan, PledgeKind.ParentNotice, "矩阵告家长书", "正文", null, now);
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var campaign = PledgeCampaign.Launch(qingshan, new PledgeCampaignSpec("矩阵签订", "2026—2027学年", principal, staff, parent, today.AddDays(10), [3]), null, now, today);
            db.AddRange(template, staffTemplate, parentTemplate, principal, staff, parent, campaign);
            await db.SaveChangesAsync();
            var teacher = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "qs1z.teacher");
            return new MatrixPledges(template, campaign, staff, teacher);
        }
    }

    private static readonly HazardActor MatrixActor = new(null, "矩阵", UserRole.BureauSafetyOfficer, null);

    /// <summary>A class and a guard of 青山县第一中学 and a 青山县 training session, for the education entities that refer to them.</summary>
    public sealed record MatrixEducation(SchoolClass Class, SafetyPerson Person, TrainingSession Session, ThemeActivity Activity)
    {
        public static MatrixEducation Create(DemoOrg org, DateTimeOffset now)
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var session = TrainingSession.ForBureau(org.Qingshan, new TrainingSpec("矩阵培训", today, 2m, "矩阵讲师", TrainingAudience.All, false),
                System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), "matrix", now.AddDays(1), today, "matrix", now);
            return new MatrixEducation(SchoolClass.Create(org.QingshanFirstMiddle, "矩阵年级", "矩阵班", now),
                SafetyPerson.Create(org.QingshanFirstMiddle, SafetyRole.Guard, null, "矩阵保安", null, now), session,
                ThemeActivity.Launch(org.Qingshan, "矩阵主题", "矩阵要求", today, today.AddDays(5), today, "matrix", now));
        }
    }

    private static EmergencyActor MatrixEmergencyActor(DemoOrg org) => new("matrix", "矩阵", UserRole.BureauSafetyOfficer, null, org.Qingshan.Id);

    private sealed record FactoryInput(DemoOrg Org, string SchoolUserId, string Unique, DateTimeOffset Now, DrillKind FireDrillKind,
        MatrixPledges Pledges, ChecklistTemplate Checklist, Inspection Inspection, HazardCampaign Campaign, MatrixEducation Education,
        Warning Warning, Guid PlanFileId, DutyRoster Roster)
    {
        public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    }

    /// <summary>
    /// One new row of each tenant-owned type inside 青山县, written by the narrowest scope that may write it.
    /// Add a line here for every new <see cref="ITenantOwned"/> entity.
    /// </summary>
    private static readonly Dictionary<Type, Func<FactoryInput, object>> Factories = new()
    {
        // Only a city creates bureaus: the row is a new county, written by the city and outside 青山县.
        [typeof(Bureau)] = c => c.Org.City.CreateChild($"矩阵{c.Unique}教育局", null, c.Now),
        [typeof(School)] = c => School.Create(c.Org.Qingshan,
            new SchoolDetails($"矩阵{c.Unique}学校", SchoolKind.Primary, false, false, 100, 10, 5, null), c.Now),
        [typeof(SafetyDistrict)] = c => SafetyDistrict.Create(c.Org.Qingshan, $"矩阵{c.Unique}片区"),
        [typeof(AppUser)] = c => AppUser.ForSchool(c.Org.QingshanFirstMiddle, $"matrix.{c.Unique}", "矩阵用户", UserRole.SchoolStaff, c.Now),
        [typeof(Notification)] = c => new Notification
        {
            UserId = c.SchoolUserId, ScopePath = c.Org.QingshanFirstMiddle.ScopePath, IdempotencyKey = $"matrix:{c.Unique}",
            Title = "矩阵", Body = "矩阵", CreatedAt = c.Now,
        },
        [typeof(DrillKind)] = c => DrillKind.Create(c.Org.Qingshan, "custom", $"矩阵{c.Unique}", false, 99),
        [typeof(DrillRule)] = c => DrillRule.Create(c.Org.Qingshan, DrillAudience.AllSchools, DrillPeriod.Year, null, 1),
        [typeof(Drill)] = c => Drill.Schedule(c.Org.QingshanFirstMiddle, c.FireDrillKind,
            new DrillPlan(DateOnly.FromDateTime(c.Now.UtcDateTime), null, "矩阵演练", null, "矩阵", null), null, c.Now),
        [typeof(PledgeTemplate)] = c => PledgeTemplate.Create(c.Org.Qingshan, PledgeKind.HolidayNotice, $"矩阵{c.Unique}", "正文", null, c.Now).Template,
        [typeof(PledgeTemplateVersion)] = c => c.Pledges.Template.Revise($"矩阵{c.Unique}", "新正文", null, c.Now),
        [typeof(PledgeCampaign)] = c => PledgeCampaign.Launch(c.Org.Qingshan, new PledgeCampaignSpec($"矩阵{c.Unique}", "2026—2027学年", null, c.Pledges.StaffVersion,
            null, DateOnly.FromDateTime(c.Now.UtcDateTime).AddDays(5), []), null, c.Now, DateOnly.FromDateTime(c.Now.UtcDateTime)),
        [typeof(PledgeCampaignSchool)] = c => PledgeCampaignSchool.For(c.Pledges.Campaign, c.Org.QingshanFirstMiddle),
        [typeof(PledgeSignature)] = c => PledgeSignature.Require(c.Pledges.Campaign, c.Org.QingshanFirstMiddle, c.Pledges.Teacher, PledgeLayer.Staff,
            StaffPost.Teacher, c.Pledges.StaffVersion.Id, c.Now),
        [typeof(NoticeReceipt)] = c => NoticeReceipt.Issue(PledgeCampaignSchool.For(c.Pledges.Campaign, c.Org.QingshanFirstMiddle),
            new RosterLine("矩阵班", $"学生{c.Unique}", null), System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), "x", c.Now.AddDays(5), c.Now),
        [typeof(PledgeSchedule)] = c => PledgeSchedule.Create(c.Org.Qingshan, $"矩阵{c.Unique}", null, null, c.Pledges.Template.Id, 5, 6, 14, "3"),
        [typeof(ChecklistTemplate)] = c => ChecklistTemplate.Create(c.Org.Qingshan, $"矩阵{c.Unique}", [("校舍", "矩阵检查项")],
            Random.Shared.Next(1000, int.MaxValue), null, c.Now),
        [typeof(HazardSettings)] = c => HazardSettings.Create(c.Org.Qingshan),
        [typeof(NoticeCounter)] = c => NoticeCounter.Create(c.Org.Qingshan, Random.Shared.Next(3000, 90000)),
        [typeof(SelfCheck)] = c => SelfCheck.Submit(c.Org.QingshanFirstMiddle, c.Checklist, c.Unique[..10],
            c.Today, c.Checklist.Items.Select(i => new SelfCheckAnswer(i.Id, CheckResult.Ok, null)).ToList(),
            new HazardActor(null, "矩阵", UserRole.SafetyDirector, c.Org.QingshanFirstMiddle.Id), c.Now),
        [typeof(Hazard)] = c => Hazard.Report(c.Org.QingshanFirstMiddle, new HazardReport("矩阵部位", "矩阵隐患", "消防", HazardGrade.General, c.Today, "矩阵"),
            HazardSource.Report, new HazardActor(null, "矩阵", UserRole.SafetyDirector, c.Org.QingshanFirstMiddle.Id), c.Now, c.Today),
        [typeof(Inspection)] = c => Inspection.Record(c.Org.QingshanFirstMiddle, c.Org.Qingshan, c.Today, "矩阵检查组", null, MatrixActor, c.Now, c.Today),
        [typeof(RectificationNotice)] = c => RectificationNotice.Issue(c.Inspection, "矩阵", Random.Shared.Next(3000, 90000), 1, c.Today,
            MatrixActor, c.Now, c.Today),
        [typeof(HazardCampaign)] = c => HazardCampaign.Create(c.Org.Qingshan, $"矩阵{c.Unique}", c.Checklist, CampaignScope.Picked, null, c.Today,
            c.Today.AddDays(10), MatrixActor, c.Now, c.Today),
        [typeof(HazardCampaignSchool)] = c => HazardCampaignSchool.For(c.Campaign, c.Org.QingshanFirstMiddle),
        [typeof(CrossInspectionAssignment)] = c => CrossInspectionAssignment.Assign(c.Org.Qingshan, c.Org.QingshanFirstMiddle, c.Org.QingshanPrimary,
            c.Today.AddDays(5), "矩阵互查", MatrixActor, c.Now, c.Today),
        [typeof(DefenceStandard)] = c => DefenceStandard.Create(c.Org.Qingshan),
        [typeof(DefenceMonthClosure)] = c => DefenceMonthClosure.Close(c.Org.Qingshan, MatrixMonth(c.Unique), null, c.Now),
        [typeof(DefenceReturn)] = c => DefenceReturn.Start(c.Org.QingshanFirstMiddle, MatrixMonth(c.Unique), DefenceStandard.Defaults(), null, null, c.Now),
        [typeof(DefenceReport)] = c => DefenceReport.Queue(c.Org.Qingshan, MatrixMonth(c.Unique), false, null, c.Now),
        [typeof(EducationSettings)] = c => EducationSettings.Create(c.Org.Qingshan, ["矩阵课题"]),
        [typeof(LessonRule)] = c => LessonRule.Create(c.Org.Qingshan, LessonAudience.Schools, $"矩阵{c.Unique[..6]}", 2, 1),
        [typeof(SchoolClass)] = c => SchoolClass.Create(c.Org.QingshanFirstMiddle, "矩阵年级", $"矩阵{c.Unique}", c.Now),
        [typeof(Lesson)] = c => Lesson.Record(c.Education.Class, new LessonEntry(c.Today, $"矩阵{c.Unique}", "矩阵教师", 40),
            new Term("matrix", c.Today.AddDays(-30), c.Today, []), c.Today, Guid.NewGuid(), [], "matrix", c.Now),
        [typeof(SafetyPost)] = c => SafetyPost.Create(c.Org.Qingshan, $"矩阵{c.Unique[..6]}", 99),
        [typeof(SafetyPerson)] = c => SafetyPerson.Create(c.Org.QingshanFirstMiddle, SafetyRole.Guard, null, $"矩阵{c.Unique[..6]}", null, c.Now),
        [typeof(TrainingSession)] = c => TrainingSession.ForBureau(c.Org.Qingshan, new TrainingSpec($"矩阵{c.Unique}", c.Today, 1m, "矩阵讲师", TrainingAudience.Guard, false),
            System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), "matrix", c.Now.AddDays(1), c.Today, "matrix", c.Now),
        [typeof(TrainingAttendance)] = c => TrainingAttendance.Record(c.Education.Session, c.Education.Person, AttendanceMethod.List, null, "matrix", null, c.Now),
        [typeof(ThemeDay)] = c => ThemeDay.Create(c.Org.Qingshan, $"矩阵{c.Unique}", 3, 30, 5),
        [typeof(ThemeActivity)] = c => ThemeActivity.Launch(c.Org.Qingshan, $"矩阵{c.Unique}", "矩阵要求", c.Today, c.Today.AddDays(5), c.Today, "matrix", c.Now),
        [typeof(ThemeFiling)] = c => ThemeFiling.File(c.Education.Activity, c.Org.QingshanFirstMiddle, new ThemeReport(c.Today, 10, "矩阵总结"), [], c.Today, "matrix", c.Now),
        [typeof(Warning)] = c => Warning.Issue(c.Org.Qingshan, new WarningDraft(WarningKind.Drowning, WarningLevel.Red, $"矩阵{c.Unique}", "正文", "要求", c.Today, false),
            WarningTarget.Everyone, MatrixEmergencyActor(c.Org), c.Now, c.Today),
        [typeof(WarningRecipient)] = c => WarningRecipient.For(c.Warning, c.Org.QingshanFirstMiddle),
        [typeof(WarningSms)] = c =>
        {
            c.Pledges.Teacher.PhoneNumber = "13907360000";
            return WarningSms.For(c.Warning, c.Pledges.Teacher, "矩阵短信", c.Now);
        },
        [typeof(Incident)] = c => Incident.Report(c.Org.QingshanFirstMiddle, new IncidentFacts(IncidentKind.Injury, IncidentLevel.General, c.Now.AddHours(-1), c.Now.AddMinutes(-30),
            "矩阵地点", "矩阵事件", 0, 0, "矩阵措施", "矩阵", null), new EmergencyActor("matrix", "矩阵", UserRole.SafetyDirector, c.Org.QingshanFirstMiddle.Id, c.Org.Qingshan.Id), c.Now),
        [typeof(LargeActivity)] = c => LargeActivity.Apply(c.Org.QingshanFirstMiddle,
            new ActivityApplication("矩阵春游", c.Today.AddDays(3), "矩阵公园", 10, 2, "步行", null, null, "已购买", 10),
            new StoredFile { Id = c.PlanFileId, ScopePath = c.Org.QingshanFirstMiddle.ScopePath, FileName = "plan.pdf" },
            new EmergencyActor("matrix", "矩阵", UserRole.SafetyDirector, c.Org.QingshanFirstMiddle.Id, c.Org.Qingshan.Id), c.Now, c.Today),
        [typeof(DutyRoster)] = c => DutyRoster.Publish(c.Org.QingshanFirstMiddle, c.Org.Qingshan, $"矩阵{c.Unique}", c.Today, c.Today.AddDays(1),
            [new DutyShiftLine(c.Today, DutyShiftKind.Day, "矩阵", null, null)], new EmergencyActor("matrix", "矩阵", UserRole.SafetyDirector, c.Org.QingshanFirstMiddle.Id, c.Org.Qingshan.Id),
            c.Now, c.Today),
        [typeof(DutyLog)] = c => DutyLog.Record(c.Roster, c.Today, true, null, null,
            new EmergencyActor("matrix", "矩阵", UserRole.SchoolStaff, c.Org.QingshanFirstMiddle.Id, c.Org.Qingshan.Id), c.Now, c.Today),
        [typeof(StoredFile)] = c => new StoredFile
        {
            ScopePath = c.Org.QingshanFirstMiddle.ScopePath, FileName = "matrix.png", ContentType = "image/png", Length = 1,
            Sha256 = new string('0', 64), Content = [1], UploadedAt = c.Now,
        },
    };

    /// <summary>A month far in the past, different per row, so unique (school or bureau, month) indexes never collide.</summary>
    private static DateOnly MatrixMonth(string unique) => new(1900 + Convert.ToInt32(unique[..4], 16) % 100, 1 + Convert.ToInt32(unique[4..6], 16) % 12, 1);

    public enum Viewer
    {
        QingshanFirstMiddle,
        QingshanPrimary,
        Qingshan,
        Yunxi,
        City,
        None,
    }

    public static TheoryData<string> TenantOwnedTypeNames()
    {
        var data = new TheoryData<string>();
        foreach (var type in TenantOwnedTypes())
        {
            data.Add(type.Name);
        }

        return data;
    }

    [Fact]
    public void FindTheKnownTenantOwnedEntitiesInTheModel()
    {
        var names = TenantOwnedTypes().Select(t => t.Name).ToList();
        Assert.Superset(new HashSet<string> { "Bureau", "School", "SafetyDistrict", "AppUser", "Notification", "StoredFile", "DrillKind", "DrillRule", "Drill", "PledgeTemplate", "PledgeTemplateVersion", "PledgeCampaign", "PledgeCampaignSchool", "PledgeSignature", "NoticeReceipt", "PledgeSchedule", "ChecklistTemplate", "HazardSettings", "NoticeCounter", "SelfCheck", "Hazard", "Inspection", "RectificationNotice", "HazardCampaign", "HazardCampaignSchool", "CrossInspectionAssignment", "DefenceStandard", "DefenceReturn", "DefenceMonthClosure", "DefenceReport", "EducationSettings", "LessonRule", "SchoolClass", "Lesson", "SafetyPost", "SafetyPerson", "TrainingSession", "TrainingAttendance", "ThemeDay", "ThemeActivity", "ThemeFiling" }, names.ToHashSet());
        Assert.Superset(new HashSet<string> { "Bureau", "School", "SafetyDistrict", "AppUser", "Notification", "StoredFile", "DrillKind", "DrillRule", "Drill", "PledgeTemplate", "PledgeTemplateVersion", "PledgeCampaign", "PledgeCampaignSchool", "PledgeSignature", "NoticeReceipt", "PledgeSchedule", "ChecklistTemplate", "HazardSettings", "NoticeCounter", "SelfCheck", "Hazard", "Inspection", "RectificationNotice", "HazardCampaign", "HazardCampaignSchool", "CrossInspectionAssignment", "DefenceStandard", "DefenceReturn", "DefenceMonthClosure", "DefenceReport", "Warning", "WarningRecipient", "WarningSms", "Incident", "LargeActivity", "DutyRoster", "DutyLog" }, names.ToHashSet());
    }

    [Fact]
    public void HaveAFactoryForEveryTenantOwnedEntity()
    {
        var missing = TenantOwnedTypes().Where(t => !Factories.ContainsKey(t)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0,
            $"Tenant-owned entities without a factory in {nameof(TenancyMatrixShould)}.{nameof(Factories)}: {string.Join(", ", missing)}");
    }

    [Fact]
    public void GiveEveryTenantOwnedEntityTheTenantFilter()
    {
        using var db = ModelOnlyContext();
        var types = db.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).ToList();
        Assert.NotEmpty(types);
        foreach (var type in types)
        {
            Assert.True(type.GetRootType().FindDeclaredQueryFilter(AppDbContext.TenantFilter) is not null,
                $"{type.ClrType.Name} has no \"{AppDbContext.TenantFilter}\" query filter");
        }
    }

    [Theory]
    [MemberData(nameof(TenantOwnedTypeNames))]
    public async Task IsolateEveryTenantOwnedEntity(string entity)
    {
        var type = TenantOwnedTypes().Single(t => t.Name == entity);
        Assert.True(Factories.ContainsKey(type), $"Add a factory for {type.Name} to {nameof(TenancyMatrixShould)}.{nameof(Factories)}");
        var check = GetType().GetMethod(nameof(CheckIsolationAsync), BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(type);
        await (Task)check.Invoke(this, [])!;
    }

    [Fact]
    public async Task ShowACountyEverySchoolOfItsCountyAndASchoolOnlyItself()
    {
        var org = app.Org;
        List<(Guid Id, Guid BureauId)> all;
        await using (var db = Context(null))
        {
            all = (await db.Schools.AsNoTracking().Select(s => new { s.Id, s.BureauId }).ToListAsync()).Select(s => (s.Id, s.BureauId)).ToList();
        }

        Assert.Equal(all.Select(s => s.Id).Order(), await SchoolIdsAsync(Viewer.City));
        Assert.Equal(all.Where(s => s.BureauId == org.Qingshan.Id).Select(s => s.Id).Order(), await SchoolIdsAsync(Viewer.Qingshan));
        Assert.Equal(all.Where(s => s.BureauId == org.Yunxi.Id).Select(s => s.Id).Order(), await SchoolIdsAsync(Viewer.Yunxi));
        Assert.Equal([org.QingshanFirstMiddle.Id], await SchoolIdsAsync(Viewer.QingshanFirstMiddle));
        Assert.Equal([org.QingshanPrimary.Id], await SchoolIdsAsync(Viewer.QingshanPrimary));
        Assert.Empty(await SchoolIdsAsync(Viewer.None));
        Assert.True(all.Count(s => s.BureauId == org.Qingshan.Id) >= 16);
    }

    private async Task<List<Guid>> SchoolIdsAsync(Viewer viewer)
    {
        await using var db = Context(viewer);
        return await db.Schools.Select(s => s.Id).OrderBy(id => id).ToListAsync();
    }

    private async Task CheckIsolationAsync<T>()
        where T : class
    {
        var (input, factory, entity, name, rowPath, keyProperty, key, column, writer) = NewRow<T>(app);
        if (typeof(T) != typeof(Bureau))
        {
            Assert.StartsWith(app.Org.Qingshan.Path, rowPath, StringComparison.Ordinal);
        }

        // Nobody outside scope A writes a new row into it; no scope at all writes nothing.
        foreach (var outsider in new[] { Viewer.Yunxi, Viewer.QingshanPrimary, Viewer.None })
        {
            await using var db = Context(outsider);
            db.Add(factory(input with { Unique = Guid.NewGuid().ToString("N")[..10] }));
            await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
        }

        await using (var db = Context(writer))
        {
            db.Add(entity);
            await db.SaveChangesAsync();
        }

        // Reads, by id and by list: visible exactly where the row's path lies under the viewer's path.
        foreach (var viewer in Enum.GetValues<Viewer>())
        {
            var expected = PathOf(viewer) is { } p && rowPath.StartsWith(p, StringComparison.Ordinal);
            Assert.True(viewer is Viewer.City ? expected : viewer is not (Viewer.Yunxi or Viewer.QingshanPrimary or Viewer.None) || !expected);
            await using var db = Context(viewer);
            var byId = await db.Set<T>().AsNoTracking().Where(KeyEquals<T>(keyProperty, key)).CountAsync();
            var found = await db.Set<T>().FindAsync(key);
            var inList = (await db.Set<T>().AsNoTracking().ToListAsync()).Any(e => Equals(keyProperty.GetValue(e), key));
            Assert.True(expected == (byId == 1), $"{name} at {rowPath}: {viewer} by id saw {byId}, expected {(expected ? 1 : 0)}");
            Assert.True(expected == found is not null, $"{name} at {rowPath}: {viewer} Find returned {(found is null ? "null" : "the row")}");
            Assert.True(expected == inList, $"{name} at {rowPath}: {viewer} list {(inList ? "contains" : "lacks")} the row");
        }

        // Writes from outside: set-based writes find nothing; change-tracked writes are refused; nothing changes.
        foreach (var outsider in new[] { Viewer.Yunxi, Viewer.QingshanPrimary, Viewer.None })
        {
            await using (var db = Context(outsider))
            {
                var updated = await db.Set<T>().Where(KeyEquals<T>(keyProperty, key))
                    .ExecuteUpdateAsync(s => s.SetProperty(e => EF.Property<string>(e, column), "/hijacked/"));
                var deleted = await db.Set<T>().Where(KeyEquals<T>(keyProperty, key)).ExecuteDeleteAsync();
                Assert.True(updated == 0 && deleted == 0, $"{name}: {outsider} set-based update/delete touched {updated}/{deleted} rows");
            }

            await using (var db = Context(outsider))
            {
                var copy = await LoadAsSystemAsync<T>(keyProperty, key);
                db.Attach(copy);
                db.Entry(copy).State = EntityState.Modified;
                await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
            }

            await using (var db = Context(outsider))
            {
                var copy = await LoadAsSystemAsync<T>(keyProperty, key);
                db.Attach(copy);
                db.Remove(copy);
                await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
            }

            if (PathOf(outsider) is { } forged)
            {
                // A forged copy (e.g. built from a posted form) that claims to live in the outsider's own scope.
                foreach (var state in new[] { EntityState.Modified, EntityState.Deleted })
                {
                    await using var db = Context(outsider);
                    var copy = await LoadAsSystemAsync<T>(keyProperty, key);
                    db.Attach(copy);
                    var scopeProperty = db.Entry(copy).Property(column);
                    scopeProperty.OriginalValue = forged;
                    scopeProperty.CurrentValue = forged;
                    db.Entry(copy).State = state;
                    var error = await Record.ExceptionAsync(() => db.SaveChangesAsync());
                    Assert.True(error is TenantViolationException or DbUpdateConcurrencyException,
                        $"{name}: {outsider}'s forged {state} copy was saved or failed unexpectedly: {error?.GetType().Name} {error?.Message}");
                }
            }

            var stored = await FindAsSystemAsync<T>(keyProperty, key);
            Assert.True(stored is not null, $"{name} at {rowPath} was deleted by {outsider}");
            Assert.Equal(rowPath, ((ITenantOwned)stored!).ScopePath);
        }
    }

    /// <summary>
    /// The matrix again, on a database of its own, with the EF tenant filter switched off on every query
    /// (IgnoreQueryFilters) and without the SaveChanges guard: row-level security alone must keep every row where it
    /// belongs (ADR 20).
    /// </summary>
    public sealed class WithRowLevelSecurityAlone(Fixture app) : IClassFixture<Fixture>
    {
        [Theory]
        [MemberData(nameof(TenantOwnedTypeNames), MemberType = typeof(TenancyMatrixShould))]
        public async Task IsolateEveryTenantOwnedEntityWithRowLevelSecurityAlone(string entity)
        {
            var type = TenantOwnedTypes().Single(t => t.Name == entity);
            Assert.True(Factories.ContainsKey(type), $"Add a factory for {type.Name} to {nameof(TenancyMatrixShould)}.{nameof(Factories)}");
            var check = GetType().GetMethod(nameof(CheckDatabaseIsolationAsync), BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(type);
            await (Task)check.Invoke(this, [])!;
        }

        /// <summary>
        /// The same matrix with the EF tenant filter switched off on every query (IgnoreQueryFilters) and without the
        /// SaveChanges guard: row-level security alone must keep every row where it belongs. Refused inserts fail in the
        /// database (42501); updates and deletes from outside match no row.
        /// </summary>
        private async Task CheckDatabaseIsolationAsync<T>()
            where T : class
        {
            var (input, factory, entity, name, rowPath, keyProperty, key, column, writer) = NewRow<T>(app);

            foreach (var outsider in new[] { Viewer.Yunxi, Viewer.QingshanPrimary, Viewer.None })
            {
                await using var db = DatabaseOnlyContext(outsider);
                db.Add(factory(input with { Unique = Guid.NewGuid().ToString("N")[..10] }));
                var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
                Assert.True(refused.InnerException is Npgsql.PostgresException { SqlState: "42501" },
                    $"{name}: {outsider}'s insert failed otherwise: {refused.InnerException?.Message}");
            }

            await using (var db = DatabaseOnlyContext(writer))
            {
                db.Add(entity);
                await db.SaveChangesAsync();
            }

            foreach (var viewer in Enum.GetValues<Viewer>())
            {
                var expected = PathOf(app, viewer) is { } p && rowPath.StartsWith(p, StringComparison.Ordinal);
                await using var db = DatabaseOnlyContext(viewer);
                var byId = await db.Set<T>().IgnoreQueryFilters().AsNoTracking().Where(KeyEquals<T>(keyProperty, key)).CountAsync();
                var inList = (await db.Set<T>().IgnoreQueryFilters().AsNoTracking().ToListAsync()).Any(e => Equals(keyProperty.GetValue(e), key));
                Assert.True(expected == (byId == 1), $"{name} at {rowPath}: {viewer} by id saw {byId} with the EF filter off, expected {(expected ? 1 : 0)}");
                Assert.True(expected == inList, $"{name} at {rowPath}: {viewer} list {(inList ? "contains" : "lacks")} the row with the EF filter off");
            }

            foreach (var outsider in new[] { Viewer.Yunxi, Viewer.QingshanPrimary, Viewer.None })
            {
                await using (var db = DatabaseOnlyContext(outsider))
                {
                    var updated = await db.Set<T>().IgnoreQueryFilters().Where(KeyEquals<T>(keyProperty, key))
                        .ExecuteUpdateAsync(s => s.SetProperty(e => EF.Property<string>(e, column), "/hijacked/"));
                    var deleted = await db.Set<T>().IgnoreQueryFilters().Where(KeyEquals<T>(keyProperty, key)).ExecuteDeleteAsync();
                    Assert.True(updated == 0 && deleted == 0, $"{name}: {outsider} set-based update/delete touched {updated}/{deleted} rows with the EF filter off");
                }

                foreach (var state in new[] { EntityState.Modified, EntityState.Deleted })
                {
                    await using var db = DatabaseOnlyContext(outsider);
                    var copy = await LoadAsSystemAsync<T>(app, keyProperty, key);
                    db.Attach(copy);
                    db.Entry(copy).State = state;
                    // The row is not there for the outsider (no row matched), or its audit entry is refused first.
                    var error = await Record.ExceptionAsync(() => db.SaveChangesAsync());
                    Assert.True(error is DbUpdateConcurrencyException || error?.InnerException is Npgsql.PostgresException { SqlState: "42501" },
                        $"{name}: {outsider}'s {state} copy was saved or failed unexpectedly: {error?.GetType().Name} {error?.InnerException?.Message}");
                }

                var stored = await FindAsSystemAsync<T>(app, keyProperty, key);
                Assert.True(stored is not null, $"{name} at {rowPath} was deleted by {outsider}");
                Assert.Equal(rowPath, ((ITenantOwned)stored!).ScopePath);
            }
        }

        /// <summary>A context for the viewer whose only wall is the database's: no SaveChanges guard (queries above switch the filter off).</summary>
        private AppDbContext DatabaseOnlyContext(Viewer viewer)
        {
            var scope = new TenantScope();
            if (PathOf(app, viewer) is { } path)
            {
                scope.Set(path, $"test-{viewer}", $"test-{viewer}");
            }

            var options = new DbContextOptionsBuilder<AppDbContext>()
                .UseNpgsql(DatabaseExtensions.WithPoolSettings(app.ConnectionString))
                .AddInterceptors(new SafeCampus.Web.Data.Interceptors.AuditInterceptor(TimeProvider.System), new RowSecurityInterceptor())
                .Options;
            return new AppDbContext(options, scope);
        }
    }

    /// <summary>A new row of the type inside 青山县 (not saved), with what the checks need to know about it.</summary>
    private static (FactoryInput Input, Func<FactoryInput, object> Factory, T Entity, string Name, string RowPath, PropertyInfo KeyProperty, object Key,
        string Column, Viewer Writer) NewRow<T>(Fixture app)
        where T : class
    {
        var input = new FactoryInput(app.Org, app.SchoolUserId, Guid.NewGuid().ToString("N")[..10], app.Clock.GetUtcNow(), app.FireDrillKind, app.Pledges,
            app.Checklist, app.Inspection, app.Campaign, app.Education, app.Warning, app.PlanFileId, app.Roster);
        var factory = Factories[typeof(T)];
        var entity = (T)factory(input);
        var rowPath = ((ITenantOwned)entity).ScopePath;
        var keyProperty = KeyProperty<T>();
        var writer = Enum.GetValues<Viewer>().First(v => PathOf(app, v) is { } p && rowPath.StartsWith(p, StringComparison.Ordinal));
        return (input, factory, entity, typeof(T).Name, rowPath, keyProperty, keyProperty.GetValue(entity)!, ScopeColumn<T>(), writer);
    }

    private static List<Type> TenantOwnedTypes()
    {
        using var db = ModelOnlyContext();
        return db.Model.GetEntityTypes().Select(e => e.ClrType).Where(t => typeof(ITenantOwned).IsAssignableFrom(t))
            .Distinct().OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    private static AppDbContext ModelOnlyContext() => TestDatabase.CreateContext("Host=unused;Database=unused", new TenantScope());

    private static PropertyInfo KeyProperty<T>()
    {
        using var db = ModelOnlyContext();
        var key = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties.Single();
        return typeof(T).GetProperty(key.Name)!;
    }

    private static string ScopeColumn<T>()
    {
        using var db = ModelOnlyContext();
        return db.Model.FindEntityType(typeof(T))!.FindProperty(nameof(ITenantOwned.ScopePath)) is not null
            ? nameof(ITenantOwned.ScopePath)
            : nameof(Bureau.Path);
    }

    private static Expression<Func<T, bool>> KeyEquals<T>(PropertyInfo keyProperty, object key)
    {
        var e = Expression.Parameter(typeof(T), "e");
        return Expression.Lambda<Func<T, bool>>(
            Expression.Equal(Expression.Property(e, keyProperty), Expression.Constant(key, keyProperty.PropertyType)), e);
    }

    private Task<T> LoadAsSystemAsync<T>(PropertyInfo keyProperty, object key)
        where T : class => LoadAsSystemAsync<T>(app, keyProperty, key);

    private static async Task<T> LoadAsSystemAsync<T>(Fixture app, PropertyInfo keyProperty, object key)
        where T : class =>
        await FindAsSystemAsync<T>(app, keyProperty, key) ?? throw new InvalidOperationException($"{typeof(T).Name} {key} is gone");

    private Task<T?> FindAsSystemAsync<T>(PropertyInfo keyProperty, object key)
        where T : class => FindAsSystemAsync<T>(app, keyProperty, key);

    private static async Task<T?> FindAsSystemAsync<T>(Fixture app, PropertyInfo keyProperty, object key)
        where T : class
    {
        await using var db = app.Db();
        return await db.Set<T>().AsNoTracking().SingleOrDefaultAsync(KeyEquals<T>(keyProperty, key));
    }

    private string? PathOf(Viewer viewer) => PathOf(app, viewer);

    private static string? PathOf(Fixture app, Viewer viewer) => viewer switch
    {
        Viewer.QingshanFirstMiddle => app.Org.QingshanFirstMiddle.ScopePath,
        Viewer.QingshanPrimary => app.Org.QingshanPrimary.ScopePath,
        Viewer.Qingshan => app.Org.Qingshan.Path,
        Viewer.Yunxi => app.Org.Yunxi.Path,
        Viewer.City => app.Org.City.Path,
        _ => null,
    };

    /// <summary>A context for the viewer's scope; null = system (whole tree), <see cref="Viewer.None"/> = no scope.</summary>
    private AppDbContext Context(Viewer? viewer)
    {
        var scope = new TenantScope();
        if (viewer is null)
        {
            scope.EnterSystem("test");
        }
        else if (PathOf(viewer.Value) is { } path)
        {
            scope.Set(path, $"test-{viewer}", $"test-{viewer}");
        }

        return TestDatabase.CreateContext(app.ConnectionString, scope);
    }
}
