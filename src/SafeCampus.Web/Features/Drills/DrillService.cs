using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Files;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Drills;

/// <summary>
/// The use cases of drills: a school plans, adds photos and files; the bureau accepts or returns. Every method loads
/// through the tenant filter, so a drill outside the caller's scope is simply not found
/// (<see cref="DrillNotFoundException"/>), and each saves once.
/// </summary>
public sealed class DrillService(AppDbContext db, TenantScope scope, DrillSettings settings, FileStore files, TimeProvider clock)
{
    public Task<Drill> ScheduleAsync(Guid kindId, DrillPlan plan, CancellationToken ct = default) =>
        ScheduleAsync(kindId, plan, planDocument: null, ct);

    /// <summary>Plans a drill; a plan document (PDF, Word, a photo of the paper plan) is stored in the same transaction.</summary>
    public Task<Drill> ScheduleAsync(Guid kindId, DrillPlan plan, Upload? planDocument, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var school = await CurrentSchoolAsync(ct);
            var kind = await KindForAsync(school.ScopePath, kindId, ct);
            var today = clock.Today();
            if (plan.Date < today.AddYears(-1) || plan.Date > today.AddYears(1))
            {
                throw new DomainException("Drills.DateOutOfRange");
            }

            var drill = Drill.Schedule(school, kind, await WithDocumentAsync(plan, planDocument, school.ScopePath, ct), scope.UserId, clock.GetUtcNow());
            db.Drills.Add(drill);
            await db.SaveChangesAsync(ct);
            return drill;
        }, ct);

    public Task ReplanAsync(Guid drillId, Guid kindId, DrillPlan plan, Upload? planDocument = null, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var drill = await FindAsync(drillId, ct);
            var kind = await KindForAsync(drill.ScopePath, kindId, ct);
            drill.Replan(kind, await WithDocumentAsync(plan, planDocument, drill.ScopePath, ct));
            await db.SaveChangesAsync(ct);
        }, ct);

    private async Task<DrillPlan> WithDocumentAsync(DrillPlan plan, Upload? document, string scopePath, CancellationToken ct)
    {
        if (document is null)
        {
            return plan;
        }

        var file = await files.SaveAsync(document.Content, document.FileName, FileCategory.Document, scopePath, ct);
        return plan with { PlanFileId = file.Id };
    }

    public async Task CancelAsync(Guid drillId, CancellationToken ct = default)
    {
        var drill = await FindAsync(drillId, ct);
        drill.Cancel();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Stores the photo and attaches it to the drill in one transaction.</summary>
    public Task AddPhotoAsync(Guid drillId, Stream content, string? fileName, CancellationToken ct = default) =>
        AddPhotosAsync(drillId, [new Upload(content, fileName)], ct);

    /// <summary>Stores the photos and attaches them to the drill: all of them or, when one is refused, none.</summary>
    public Task AddPhotosAsync(Guid drillId, IReadOnlyList<Upload> photos, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var drill = await FindAsync(drillId, ct);
            foreach (var photo in photos)
            {
                var file = await files.SaveAsync(photo.Content, photo.FileName, FileCategory.Image, drill.ScopePath, ct);
                drill.AddPhoto(file);
            }

            await db.SaveChangesAsync(ct);
        }, ct);

    public async Task FileAsync(Guid drillId, DrillReport report, CancellationToken ct = default)
    {
        var drill = await FindAsync(drillId, ct);
        var school = await db.Schools.SingleAsync(s => s.Id == drill.SchoolId, ct);
        drill.File(report, school, clock.Today(), scope.UserId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task AcceptAsync(Guid drillId, string? comment, CancellationToken ct = default)
    {
        var drill = await FindForReviewAsync(drillId, ct);
        drill.Accept(scope.UserId!, comment, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task ReturnAsync(Guid drillId, string comment, CancellationToken ct = default)
    {
        var drill = await FindForReviewAsync(drillId, ct);
        drill.Return(scope.UserId!, comment, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Issues a new calendar subscription link for the current school; every earlier link stops working.</summary>
    public async Task RenewCalendarLinkAsync(CancellationToken ct = default)
    {
        var school = await CurrentSchoolAsync(ct);
        school.RenewCalendarLink();
        await db.SaveChangesAsync(ct);
    }

    private async Task<Drill> FindAsync(Guid id, CancellationToken ct)
    {
        var drill = await db.Drills.Include(d => d.Photos).Include(d => d.Findings).AsSplitQuery().SingleOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new DrillNotFoundException();
        if (scope.SchoolId is null)
        {
            // Bureau users review; only the school plans and files its own drills.
            throw new DomainException("Drills.SchoolOnly");
        }

        return drill;
    }

    private async Task<Drill> FindForReviewAsync(Guid id, CancellationToken ct)
    {
        if (scope.SchoolId is not null)
        {
            throw new DomainException("Drills.BureauOnly");
        }

        return await db.Drills.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new DrillNotFoundException();
    }

    private async Task<Domain.School> CurrentSchoolAsync(CancellationToken ct) =>
        scope.SchoolId is { } id
            ? await db.Schools.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new DrillNotFoundException()
            : throw new DomainException("Drills.SchoolOnly");

    private async Task<DrillKind> KindForAsync(string schoolScopePath, Guid kindId, CancellationToken ct)
    {
        var effective = await settings.ForScopeAsync(schoolScopePath, ct);
        return effective.Kinds.FirstOrDefault(k => k.Id == kindId && k.IsActive) ?? throw new DomainException("Drills.KindUnknown");
    }
}

/// <summary>An uploaded file on its way to the file store.</summary>
public sealed record Upload(Stream Content, string? FileName);

/// <summary>The drill does not exist in the caller's scope. Pages show "not found".</summary>
public sealed class DrillNotFoundException() : Exception("Drill not found in scope.");
