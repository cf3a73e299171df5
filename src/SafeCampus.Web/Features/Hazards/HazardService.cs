using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Files;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Hazards;

/// <summary>
/// The use cases of the hazard ledger. Every method loads through the tenant filter, so a hazard outside the caller's
/// scope is not found (<see cref="HazardNotFoundException"/>); who may do what is the hazard's own rule. Steps that
/// change a hazard take the version the user saw: if someone changed it since, nothing is saved
/// (Hazards.ConcurrentEdit). Each use case saves once (photos in the same transaction).
/// </summary>
public sealed class HazardService(AppDbContext db, TenantScope scope, FileStore files, TimeProvider clock)
{
    public async Task<HazardActor> ActorAsync(CancellationToken ct = default)
    {
        var user = await db.Users.Where(u => u.Id == scope.UserId).Select(u => new { u.Id, u.FullName, u.Role, u.SchoolId }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("Hazards.NotAllowed");
        return new HazardActor(user.Id, user.FullName, user.Role, user.SchoolId);
    }

    /// <summary>A school user reports a hazard with its photos (上报隐患).</summary>
    public Task<Hazard> ReportAsync(HazardReport report, IReadOnlyList<Upload> photos, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var actor = await ActorAsync(ct);
            var school = actor.SchoolId is { } id
                ? await db.Schools.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new HazardNotFoundException()
                : throw new DomainException("Hazards.NotAllowed");
            var hazard = Hazard.Report(school, report, HazardSource.Report, actor, clock.GetUtcNow(), clock.Today());
            await AttachAsync(hazard, photos, evidence: false, ct);
            db.Hazards.Add(hazard);
            await db.SaveChangesAsync(ct);
            return hazard;
        }, ct);

    public Task PlanAsync(Guid id, uint version, HazardPlan plan, CancellationToken ct = default) =>
        ChangeAsync(id, version, (h, a) => h.Plan(plan, a, clock.GetUtcNow()), ct);

    public Task AddPhotosAsync(Guid id, IReadOnlyList<Upload> photos, bool evidence, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            var hazard = await FindAsync(id, ct);
            var actor = await ActorAsync(ct);
            if (actor.SchoolId != hazard.SchoolId)
            {
                throw new DomainException("Hazards.NotAllowed");
            }

            await AttachAsync(hazard, photos, evidence, ct);
            await db.SaveChangesAsync(ct);
        }, ct);

    public Task RectifyAsync(Guid id, uint version, string description, CancellationToken ct = default) =>
        ChangeAsync(id, version, (h, a) => h.Rectify(description, a, clock.GetUtcNow()), ct);

    public Task AcceptAsync(Guid id, uint version, string? comment, CancellationToken ct = default) =>
        ChangeAsync(id, version, (h, a) => h.Accept(a, comment, clock.GetUtcNow(), clock.Today()), ct);

    public Task ReturnAsync(Guid id, uint version, string comment, CancellationToken ct = default) =>
        ChangeAsync(id, version, (h, a) => h.Return(a, comment, clock.GetUtcNow()), ct);

    public Task EscalateAsync(Guid id, uint version, string reason, decimal? funding, CancellationToken ct = default) =>
        ChangeAsync(id, version, (h, a) => h.Escalate(reason, funding, a, clock.GetUtcNow()), ct);

    public Task SuperviseAsync(Guid id, uint version, string instruction, DateOnly deadline, CancellationToken ct = default) =>
        ChangeAsync(id, version, (h, a) => h.Supervise(instruction, deadline, a, clock.GetUtcNow(), clock.Today()), ct);

    private async Task ChangeAsync(Guid id, uint version, Action<Hazard, HazardActor> change, CancellationToken ct)
    {
        var hazard = await FindAsync(id, ct);
        var actor = await ActorAsync(ct);
        if (hazard.Version != version)
        {
            throw new DomainException("Hazards.ConcurrentEdit");
        }

        change(hazard, actor);
        db.Entry(hazard).Property(h => h.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new DomainException("Hazards.ConcurrentEdit");
        }
    }

    private async Task AttachAsync(Hazard hazard, IReadOnlyList<Upload> photos, bool evidence, CancellationToken ct)
    {
        if (hazard.Photos.Count(p => p.IsEvidence == evidence) + photos.Count > Hazard.MaxPhotos)
        {
            throw new DomainException("Hazards.TooManyPhotos");
        }

        foreach (var photo in photos)
        {
            var file = await files.SaveAsync(photo.Content, photo.FileName, FileCategory.Image, hazard.ScopePath, ct);
            hazard.AddPhoto(file, evidence);
        }
    }

    public async Task<Hazard> FindAsync(Guid id, CancellationToken ct) =>
        await db.Hazards.Include(h => h.Photos).Include(h => h.Steps).AsSplitQuery().SingleOrDefaultAsync(h => h.Id == id, ct)
        ?? throw new HazardNotFoundException();
}

/// <summary>The hazard does not exist in the caller's scope. Pages show "not found".</summary>
public sealed class HazardNotFoundException() : Exception("Hazard not found in scope.");
