using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Hazards;

namespace SafeCampus.Tests.Hazards;

/// <summary>
/// Cross-school inspections (校际互查): the bureau assigns 青山县第一中学 (A) to inspect 青山县实验小学 (B); A's leads record
/// the inspection and findings, which become B's hazards, only for that assignment and only while it is open.
/// </summary>
public sealed class CrossSchoolInspectionsShould : IClassFixture<HazardFixture>
{
    private const string TargetDirector = "qssx.director";
    private readonly HazardFixture _app;

    public CrossSchoolInspectionsShould(HazardFixture app)
    {
        _app = app;
        _app.Clock.Set(HazardFixture.Now);
    }

    public static async Task<CrossInspectionAssignment> AssignAsync(HazardFixture app, int days = 10)
    {
        await using var scope = await app.ScopeAsAsync(HazardFixture.Officer);
        return await scope.ServiceProvider.GetRequiredService<InspectionService>()
            .AssignCrossAsync(app.Org.QingshanFirstMiddle.Id, app.Org.QingshanPrimary.Id, HazardFixture.Today.AddDays(days), "上半年互查");
    }

    public static HazardReport Finding(string description = "楼梯扶手松动") =>
        new("教学楼东侧楼梯", description, "校舍安全", HazardGrade.General, HazardFixture.Today, "孙国华、王丽");

    [Fact]
    public async Task LetTheBureauWithdrawAnAssignmentIssuedByMistakeUntilTheSchoolRecordsIt()
    {
        var mistaken = await AssignAsync(_app);
        await using (var scope = await _app.ScopeAsAsync(HazardFixture.Director))
        {
            var service = scope.ServiceProvider.GetRequiredService<InspectionService>();
            Assert.Equal("Hazards.BureauOnly", (await Assert.ThrowsAsync<DomainException>(() => service.WithdrawCrossAsync(mistaken.Id, "学校撤回", true))).Code);
        }

        await using (var scope = await _app.ScopeAsAsync(HazardFixture.Officer))
        {
            var service = scope.ServiceProvider.GetRequiredService<InspectionService>();
            Assert.Equal("Campaigns.ConfirmRequired", (await Assert.ThrowsAsync<DomainException>(() => service.WithdrawCrossAsync(mistaken.Id, "派错学校", false))).Code);
            Assert.Equal("Campaigns.WithdrawReasonInvalid", (await Assert.ThrowsAsync<DomainException>(() => service.WithdrawCrossAsync(mistaken.Id, " ", true))).Code);
            await service.WithdrawCrossAsync(mistaken.Id, "派错学校", true);
            Assert.Contains(await scope.ServiceProvider.GetRequiredService<CrossInspectionQueries>().ListAsync(), r => r.Id == mistaken.Id && r.Withdrawn);
        }

        await using (var scope = await _app.ScopeAsAsync(HazardFixture.Director))
        {
            var service = scope.ServiceProvider.GetRequiredService<InspectionService>();
            Assert.Equal("Hazards.CrossClosed", (await Assert.ThrowsAsync<DomainException>(() =>
                service.RecordCrossAsync(mistaken.Id, HazardFixture.Today, "孙国华", null))).Code);
        }

        await using (var db = _app.SystemContext())
        {
            var stored = await db.CrossInspectionAssignments.AsNoTracking().SingleAsync(a => a.Id == mistaken.Id);
            Assert.Equal(("派错学校", true), (stored.WithdrawReason, stored.IsWithdrawn));
            var audited = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == nameof(CrossInspectionAssignment) && a.EntityKey == mistaken.Id.ToString()
                && a.Action == "update").Select(a => a.After).ToListAsync();
            Assert.Contains(audited, after => after!.Contains("派错学校", StringComparison.Ordinal));
        }

        // Once the school has recorded its inspection, the record stands: no withdrawal.
        var recorded = await AssignAsync(_app);
        await using (var scope = await _app.ScopeAsAsync(HazardFixture.Director))
        {
            await scope.ServiceProvider.GetRequiredService<InspectionService>().RecordCrossAsync(recorded.Id, HazardFixture.Today, "孙国华", null);
        }

        await using (var scope = await _app.ScopeAsAsync(HazardFixture.Officer))
        {
            Assert.Equal("Hazards.CrossWithdrawRecorded", (await Assert.ThrowsAsync<DomainException>(() =>
                scope.ServiceProvider.GetRequiredService<InspectionService>().WithdrawCrossAsync(recorded.Id, "晚了", true))).Code);
        }
    }

    [Fact]
    public async Task TurnTheInspectingSchoolsFindingsIntoHazardsOfTheInspectedSchool()
    {
        var assignment = await AssignAsync(_app);
        await using (var scope = await _app.ScopeAsAsync(HazardFixture.Director))
        {
            var service = scope.ServiceProvider.GetRequiredService<InspectionService>();
            Assert.Equal("Hazards.CrossNotRecorded", (await Assert.ThrowsAsync<DomainException>(() =>
                service.AddCrossFindingAsync(assignment.Id, Finding(), []))).Code);
            var inspection = await service.RecordCrossAsync(assignment.Id, HazardFixture.Today, "孙国华、王丽", "重点查看校舍与消防");
            Assert.Equal((InspectionKind.CrossSchool, _app.Org.QingshanPrimary.Id, _app.Org.QingshanFirstMiddle.Id),
                (inspection.Kind, inspection.SchoolId, inspection.InspectorSchoolId));
            await service.AddCrossFindingAsync(assignment.Id, Finding(), [HazardFixture.Photo()]);

            var view = await scope.ServiceProvider.GetRequiredService<CrossInspectionQueries>().ViewAsync(assignment.Id);
            Assert.Equal(["楼梯扶手松动"], view!.Findings.Select(f => f.Description));
            Assert.Equal(1, view.Assignment.FindingCount);
        }

        await using (var db = _app.SystemContext())
        {
            var hazard = await db.Hazards.AsNoTracking().Include(h => h.Photos).SingleAsync(h => h.Source == HazardSource.CrossSchool && h.Description == "楼梯扶手松动");
            Assert.Equal((_app.Org.QingshanPrimary.Id, _app.Org.QingshanPrimary.ScopePath), (hazard.SchoolId, hazard.ScopePath));
            var file = await db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == hazard.Photos.Single().FileId);
            Assert.Equal(_app.Org.QingshanPrimary.ScopePath, file.ScopePath);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "cross-school-write" && a.EntityKey == assignment.Id.ToString()));
        }

        // The inspected school and the bureau see the finding; the inspected school rectifies it.
        await using (var target = await _app.ScopeAsAsync(TargetDirector))
        {
            var ledger = await target.ServiceProvider.GetRequiredService<HazardQueries>().LedgerAsync(new LedgerFilter(Source: HazardSource.CrossSchool), 1, 50);
            Assert.Contains(ledger.Rows, r => r.Description == "楼梯扶手松动");
        }

        await using (var officer = await _app.ScopeAsAsync(HazardFixture.Officer))
        {
            var ledger = await officer.ServiceProvider.GetRequiredService<HazardQueries>().LedgerAsync(new LedgerFilter(Source: HazardSource.CrossSchool), 1, 50);
            Assert.Contains(ledger.Rows, r => r.Description == "楼梯扶手松动");
            Assert.Contains(await officer.ServiceProvider.GetRequiredService<CrossInspectionQueries>().ListAsync(), r => r.Id == assignment.Id && r.Findings == 1);
        }

        await using (var scope = await _app.ScopeAsAsync(HazardFixture.Director))
        {
            await scope.ServiceProvider.GetRequiredService<InspectionService>().CloseCrossAsync(assignment.Id);
            Assert.Equal("Hazards.CrossClosed", (await Assert.ThrowsAsync<DomainException>(() =>
                scope.ServiceProvider.GetRequiredService<InspectionService>().AddCrossFindingAsync(assignment.Id, Finding("关闭后再记"), []))).Code);
        }
    }

    [Fact]
    public async Task RefuseWhoeverWasNotAssignedAndEveryoneAfterTheDueDate()
    {
        var assignment = await AssignAsync(_app, days: 3);

        // The inspected school and others do not even find the assignment; a teacher of the inspecting school may not record.
        foreach (var outsider in new[] { TargetDirector, "yxyey.director" })
        {
            await using var scope = await _app.ScopeAsAsync(outsider);
            await Assert.ThrowsAsync<HazardNotFoundException>(() =>
                scope.ServiceProvider.GetRequiredService<InspectionService>().RecordCrossAsync(assignment.Id, HazardFixture.Today, "冒名检查组", null));
        }

        await using (var teacher = await _app.ScopeAsAsync(HazardFixture.Teacher))
        {
            Assert.Equal("Hazards.NotAssigned", (await Assert.ThrowsAsync<DomainException>(() =>
                teacher.ServiceProvider.GetRequiredService<InspectionService>().RecordCrossAsync(assignment.Id, HazardFixture.Today, "教师", null))).Code);
        }

        await using (var scope = await _app.ScopeAsAsync(HazardFixture.Principal))
        {
            var service = scope.ServiceProvider.GetRequiredService<InspectionService>();
            await service.RecordCrossAsync(assignment.Id, HazardFixture.Today, "刘志强等", null);
            Assert.Equal("Hazards.CrossAlreadyRecorded", (await Assert.ThrowsAsync<DomainException>(() =>
                service.RecordCrossAsync(assignment.Id, HazardFixture.Today, "再登记", null))).Code);
        }

        _app.Clock.Set(HazardFixture.Now.AddDays(4));
        await using (var late = await _app.ScopeAsAsync(HazardFixture.Principal))
        {
            Assert.Equal("Hazards.CrossClosed", (await Assert.ThrowsAsync<DomainException>(() =>
                late.ServiceProvider.GetRequiredService<InspectionService>().AddCrossFindingAsync(assignment.Id, Finding("逾期发现"), []))).Code);
        }

        await using var db = _app.SystemContext();
        Assert.False(await db.Hazards.AnyAsync(h => h.Description == "逾期发现"));
        Assert.Equal(1, await db.Inspections.CountAsync(i => i.Id == db.CrossInspectionAssignments.Where(a => a.Id == assignment.Id).Select(a => a.InspectionId).Single()));
    }

    [Fact]
    public async Task LetOnlyTheBureauAssignSchoolsOfItsOwnSubtree()
    {
        var org = _app.Org;
        await using (var officer = await _app.ScopeAsAsync(HazardFixture.Officer))
        {
            var service = officer.ServiceProvider.GetRequiredService<InspectionService>();
            Assert.Equal("Hazards.SchoolOutsideBureau", (await Assert.ThrowsAsync<DomainException>(() =>
                service.AssignCrossAsync(org.QingshanFirstMiddle.Id, org.YunxiKindergarten.Id, HazardFixture.Today.AddDays(5), null))).Code);
            Assert.Equal("Hazards.CrossSameSchool", (await Assert.ThrowsAsync<DomainException>(() =>
                service.AssignCrossAsync(org.QingshanFirstMiddle.Id, org.QingshanFirstMiddle.Id, HazardFixture.Today.AddDays(5), null))).Code);
            Assert.Equal("Hazards.CrossDueInvalid", (await Assert.ThrowsAsync<DomainException>(() =>
                service.AssignCrossAsync(org.QingshanFirstMiddle.Id, org.QingshanPrimary.Id, HazardFixture.Today.AddDays(-1), null))).Code);
        }

        await using var school = await _app.ScopeAsAsync(HazardFixture.Director);
        Assert.Equal("Hazards.BureauOnly", (await Assert.ThrowsAsync<DomainException>(() => school.ServiceProvider.GetRequiredService<InspectionService>()
            .AssignCrossAsync(org.QingshanFirstMiddle.Id, org.QingshanPrimary.Id, HazardFixture.Today.AddDays(5), null))).Code);
    }
}
