using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Files;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Hazards;

/// <summary>
/// Bureau inspections: an officer records the inspection of a school and its findings (hazards of the school, source
/// bureau inspection), then issues a numbered rectification notice. The number is taken from the bureau's counter
/// for the year with UPDATE … RETURNING inside the issuing transaction: concurrent issuers wait on the row (no
/// duplicates) and a failed issue rolls the counter back (no gaps).
/// </summary>
public sealed class InspectionService(AppDbContext db, TenantScope scope, HazardService hazards, HazardRules rules, FileStore files, TimeProvider clock)
{
    public async Task<Inspection> RecordAsync(Guid schoolId, DateOnly date, string team, string? summary, CancellationToken ct = default)
    {
        var actor = await hazards.ActorAsync(ct);
        var bureau = await CurrentBureauAsync(actor, ct);
        var school = await db.Schools.SingleOrDefaultAsync(s => s.Id == schoolId, ct) ?? throw new HazardNotFoundException();
        var inspection = Inspection.Record(school, bureau, date, team, summary, actor, clock.GetUtcNow(), clock.Today());
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(ct);
        return inspection;
    }

    public Task<Hazard> AddFindingAsync(Guid inspectionId, HazardReport report, IReadOnlyList<Upload> photos, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var actor = await hazards.ActorAsync(ct);
            if (!actor.IsBureau)
            {
                throw new DomainException("Hazards.BureauOnly");
            }

            var inspection = await db.Inspections.SingleOrDefaultAsync(i => i.Id == inspectionId, ct) ?? throw new HazardNotFoundException();
            if (inspection.Kind != InspectionKind.Bureau)
            {
                throw new DomainException("Hazards.BureauOnly");
            }

            if (await db.RectificationNotices.AnyAsync(n => n.InspectionId == inspectionId, ct))
            {
                throw new DomainException("Hazards.NoticeExists");
            }

            var school = await db.Schools.SingleAsync(s => s.Id == inspection.SchoolId, ct);
            var hazard = Hazard.Report(school, report, HazardSource.BureauInspection, actor, clock.GetUtcNow(), clock.Today(), inspectionId: inspection.Id);
            foreach (var photo in photos)
            {
                hazard.AddPhoto(await files.SaveAsync(photo.Content, photo.FileName, FileCategory.Image, school.ScopePath, ct), evidence: false);
            }

            db.Hazards.Add(hazard);
            await db.SaveChangesAsync(ct);
            return hazard;
        }, ct);

    public async Task<RectificationNotice> IssueNoticeAsync(Guid inspectionId, DateOnly deadline, CancellationToken ct = default)
    {
        try
        {
            return await db.InTransactionAsync(async () =>
            {
                var actor = await hazards.ActorAsync(ct);
                if (!actor.IsBureau)
                {
                    throw new DomainException("Hazards.BureauOnly");
                }

                var inspection = await db.Inspections.SingleOrDefaultAsync(i => i.Id == inspectionId, ct) ?? throw new HazardNotFoundException();
                var bureau = await db.Bureaus.SingleAsync(b => b.Id == inspection.BureauId, ct);
                var findings = await db.Hazards.Include(h => h.Steps).Where(h => h.InspectionId == inspection.Id).ToListAsync(ct);
                if (findings.Count == 0)
                {
                    throw new DomainException("Hazards.NoFindings");
                }

                if (await db.RectificationNotices.AnyAsync(n => n.InspectionId == inspectionId, ct))
                {
                    throw new DomainException("Hazards.NoticeExists");
                }

                var today = clock.Today();
                var now = clock.GetUtcNow();
                var prefix = (await rules.ForAsync(bureau.Path, ct)).NoticePrefix ?? HazardSettings.DefaultPrefix(bureau);
                var sequence = await NextNumberAsync(bureau, today.Year, ct);
                var notice = RectificationNotice.Issue(inspection, prefix, today.Year, sequence, deadline, actor, now, today);
                db.RectificationNotices.Add(notice);
                foreach (var hazard in findings)
                {
                    hazard.AttachNotice(notice.Id, notice.Number, deadline, actor, now);
                }

                await db.SaveChangesAsync(ct);
                return notice;
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Another officer issued the inspection's notice meanwhile (one notice per inspection, findings versioned).
            throw new DomainException("Hazards.NoticeExists");
        }
    }

    /// <summary>The bureau assigns one school's team to inspect another school of its subtree by a date (校际互查).</summary>
    public async Task<CrossInspectionAssignment> AssignCrossAsync(Guid inspectorId, Guid targetId, DateOnly dueOn, string? note, CancellationToken ct = default)
    {
        var actor = await hazards.ActorAsync(ct);
        var bureau = await CurrentBureauAsync(actor, ct);

        // Through the tenant filter: a school outside the bureau is not found.
        var inspector = await db.Schools.SingleOrDefaultAsync(s => s.Id == inspectorId, ct) ?? throw new DomainException("Hazards.SchoolOutsideBureau");
        var target = await db.Schools.SingleOrDefaultAsync(s => s.Id == targetId, ct) ?? throw new DomainException("Hazards.SchoolOutsideBureau");
        var assignment = CrossInspectionAssignment.Assign(bureau, inspector, target, dueOn, note, actor, clock.GetUtcNow(), clock.Today());
        db.CrossInspectionAssignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        return assignment;
    }

    /// <summary>The bureau that assigned a cross-school inspection (or one above it) withdraws it before it is recorded.</summary>
    public async Task<CrossInspectionAssignment> WithdrawCrossAsync(Guid assignmentId, string? reason, bool confirmed, CancellationToken ct = default)
    {
        var actor = await hazards.ActorAsync(ct);
        // Through the tenant filter: only the bureaus above the inspecting school find it.
        var assignment = await db.CrossInspectionAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId, ct) ?? throw new HazardNotFoundException();
        if (!confirmed)
        {
            throw new DomainException("Campaigns.ConfirmRequired");
        }

        assignment.Withdraw(actor, reason ?? "", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return assignment;
    }

    /// <summary>The inspecting school records its inspection of the assigned school (date, team, summary).</summary>
    public Task<Inspection> RecordCrossAsync(Guid assignmentId, DateOnly date, string team, string? summary, CancellationToken ct = default) =>
        WriteIntoTargetAsync(assignmentId, (assignment, target, actor) =>
        {
            var inspection = Inspection.RecordCrossSchool(assignment, target, date, team, summary, actor, clock.GetUtcNow(), clock.Today());
            db.Inspections.Add(inspection);
            assignment.Recorded(inspection);
            return Task.FromResult(inspection);
        }, ct);

    /// <summary>A finding of the cross-school inspection: a hazard of the inspected school, with photos.</summary>
    public Task<Hazard> AddCrossFindingAsync(Guid assignmentId, HazardReport report, IReadOnlyList<Upload> photos, CancellationToken ct = default) =>
        WriteIntoTargetAsync(assignmentId, async (assignment, target, actor) =>
        {
            var inspection = assignment.InspectionId is { } inspectionId
                ? await db.Inspections.AcrossTenants().SingleAsync(i => i.Id == inspectionId, ct)
                : throw new DomainException("Hazards.CrossNotRecorded");
            var hazard = Hazard.ReportCrossSchool(target, assignment, inspection, report, actor, clock.GetUtcNow(), clock.Today());
            foreach (var photo in photos)
            {
                hazard.AddPhoto(await files.SaveAsync(photo.Content, photo.FileName, FileCategory.Image, target.ScopePath, ct), evidence: false);
            }

            db.Hazards.Add(hazard);
            assignment.FindingAdded();
            return hazard;
        }, ct);

    /// <summary>The inspecting school finishes the inspection: the assignment closes and takes no more findings.</summary>
    public async Task CloseCrossAsync(Guid assignmentId, CancellationToken ct = default)
    {
        var actor = await hazards.ActorAsync(ct);
        var assignment = await db.CrossInspectionAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId, ct) ?? throw new HazardNotFoundException();
        assignment.Close(actor, clock.GetUtcNow(), clock.Today());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The one path by which a school writes into another school's scope. The assignment is loaded through the tenant
    /// filter, so only the inspecting school (or its bureau) finds it; the domain checks that the actor is that
    /// school's lead and that the assignment is open; then, for this save only, new inspections, hazards and photos
    /// may be inserted at exactly the target school's path — nothing else, no reads, no updates — and the grant
    /// itself is written to the audit log next to the rows.
    /// </summary>
    private Task<T> WriteIntoTargetAsync<T>(Guid assignmentId, Func<CrossInspectionAssignment, School, HazardActor, Task<T>> write, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
        {
            var actor = await hazards.ActorAsync(ct);
            var assignment = await db.CrossInspectionAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId, ct) ?? throw new HazardNotFoundException();
            assignment.RequireInspector(actor);
            assignment.RequireOpen(clock.Today());
            var target = await db.Schools.AcrossTenants().AsNoTracking().SingleAsync(s => s.Id == assignment.TargetSchoolId, ct);
            using var grant = scope.GrantInsert(target.ScopePath, typeof(Inspection), typeof(Hazard), typeof(StoredFile));
            var result = await write(assignment, target, actor);
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.GetUtcNow(), UserId = actor.UserId, UserName = scope.UserName, ScopePath = target.ScopePath,
                Entity = nameof(CrossInspectionAssignment), EntityKey = assignment.Id.ToString(), Action = "cross-school-write",
                After = System.Text.Json.JsonSerializer.Serialize(new { assignment.InspectorSchoolId, assignment.TargetSchoolId, Wrote = typeof(T).Name }),
            });
            await db.SaveChangesAsync(ct);
            return result;
        }, ct);

    /// <summary>Takes the bureau's next number of the year; the caller's transaction holds the row until it ends.</summary>
    private async Task<int> NextNumberAsync(Bureau bureau, int year, CancellationToken ct)
    {
        if (!scope.Covers(bureau.Path))
        {
            throw new TenantViolationException($"Notice numbers of {bureau.Path} are outside the current scope.");
        }

        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "NoticeCounters" ("Id", "BureauId", "ScopePath", "Year", "Next")
            VALUES ({Guid.CreateVersion7()}, {bureau.Id}, {bureau.Path}, {year}, 1)
            ON CONFLICT ("BureauId", "Year") DO NOTHING
            """, ct);
        var taken = await db.Database.SqlQuery<int>($"""
            UPDATE "NoticeCounters" SET "Next" = "Next" + 1
            WHERE "BureauId" = {bureau.Id} AND "Year" = {year}
            RETURNING "Next" - 1 AS "Value"
            """).ToListAsync(ct);
        return taken.Single();
    }

    private async Task<Bureau> CurrentBureauAsync(HazardActor actor, CancellationToken ct) =>
        actor.IsBureau && scope.BureauId is { } id
            ? await db.Bureaus.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw new DomainException("Hazards.BureauOnly")
            : throw new DomainException("Hazards.BureauOnly");
}
