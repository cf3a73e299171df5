using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Defences;

/// <summary>The return's id is not visible in the caller's scope (or does not exist).</summary>
public sealed class DefenceReturnNotFoundException : Exception;

/// <summary>What the school's form shows: the saved return, or a new draft prefilled from the previous month.</summary>
public sealed record DefenceForm(
    Guid SchoolId, string SchoolName, DateOnly Month, DefenceReturn? Saved, IReadOnlyDictionary<string, decimal> Values,
    bool PrefilledFromPrevious, DefenceStandard Standard, DefenceCheck FailedChecks, bool MonthClosed, int StudentsAndStaff, bool IsBoarding)
{
    public DefenceReturnState State => Saved?.State ?? DefenceReturnState.Draft;
    public bool IsEditable => !MonthClosed && (Saved?.IsEditable ?? true);
    public DateOnly DueDate => Saved?.DueDate ?? Standard.DueDate(Month);
}

/// <summary>
/// The use cases of the monthly return. The school's side works on the caller's own school (from the scope, never
/// from the form); the bureau's side loads through the tenant filter, so another tenant's return is "not found".
/// Each use case saves once.
/// </summary>
public sealed class DefenceReturnService(AppDbContext db, TenantScope scope, TimeProvider clock)
{
    public async Task<DefenceForm> FormAsync(DateOnly month, CancellationToken ct = default)
    {
        month = DefenceReturn.FirstOfMonth(month);
        var school = await CurrentSchoolAsync(ct);
        var standard = (await DefenceStandardsTree.LoadAsync(db, school.ScopePath, ct)).For(school.ScopePath);
        var saved = await db.DefenceReturns.AsNoTracking().Include(r => r.Values)
            .SingleOrDefaultAsync(r => r.SchoolId == school.Id && r.Month == month, ct);
        var closed = await IsClosedAsync(school.ScopePath, month, ct);
        if (saved is not null)
        {
            var map = saved.ValueMap();
            return new DefenceForm(school.Id, school.Name, month, saved, map, false, standard,
                saved.IsEditable ? standard.Evaluate(map, school.Students + school.Staff, school.IsBoarding) : saved.FailedChecks,
                closed, saved.StudentsAndStaff, saved.IsBoarding);
        }

        var previous = await PreviousValuesAsync(school.Id, month, ct);
        var values = DefenceFields.All.ToDictionary(f => f.Key, f => previous?.GetValueOrDefault(f.Key) ?? 0m, StringComparer.Ordinal);
        return new DefenceForm(school.Id, school.Name, month, null, values, previous is not null, standard,
            standard.Evaluate(values, school.Students + school.Staff, school.IsBoarding), closed, school.Students + school.Staff, school.IsBoarding);
    }

    /// <summary>The safety director and the principal save drafts; only the safety director submits.</summary>
    public static bool MayFile(UserRole? role, bool submit) =>
        role is UserRole.SafetyDirector || (role is UserRole.Principal && !submit);

    /// <summary>Saves the draft; with <paramref name="submit"/> the safety director also submits it to the principal.</summary>
    public async Task<DefenceReturn> SaveAsync(DateOnly month, IReadOnlyDictionary<string, decimal> values, bool submit, CancellationToken ct = default)
    {
        month = DefenceReturn.FirstOfMonth(month);
        var role = await RoleAsync(ct);
        if (!MayFile(role, submit))
        {
            throw new DomainException(submit ? "Defences.OnlyDirectorSubmits" : "Defences.SchoolOnly");
        }

        var school = await CurrentSchoolAsync(ct);
        if (month > DefenceMonths.Current(clock))
        {
            throw new DomainException("Defences.MonthInFuture");
        }

        if (await IsClosedAsync(school.ScopePath, month, ct))
        {
            throw new DomainException("Defences.Locked");
        }

        var standard = (await DefenceStandardsTree.LoadAsync(db, school.ScopePath, ct)).For(school.ScopePath);
        var now = clock.GetUtcNow();
        var r = await db.DefenceReturns.Include(x => x.Values).SingleOrDefaultAsync(x => x.SchoolId == school.Id && x.Month == month, ct);
        if (r is null)
        {
            r = DefenceReturn.Start(school, month, standard, null, scope.UserId, now);
            db.DefenceReturns.Add(r);
        }
        else if (submit && r.State is DefenceReturnState.Submitted or DefenceReturnState.Confirmed or DefenceReturnState.Accepted)
        {
            throw new DomainException("Defences.AlreadySubmitted");
        }

        try
        {
            r.Save(values, school, standard, scope.UserId, now);
            if (submit)
            {
                r.Submit(scope.UserId!, now);
            }

            await db.SaveChangesAsync(ct);
        }
        catch (DomainException)
        {
            db.ChangeTracker.Clear();
            throw;
        }
        catch (DbUpdateException)
        {
            // Two first saves of the same month at once: the unique (school, month) index keeps one.
            db.ChangeTracker.Clear();
            throw new DomainException("Defences.ChangedMeanwhile");
        }

        return r;
    }

    /// <summary>The principal confirms the submitted return of their school.</summary>
    public async Task ConfirmAsync(DateOnly month, CancellationToken ct = default)
    {
        if (await RoleAsync(ct) != UserRole.Principal)
        {
            throw new DomainException("Defences.OnlyPrincipalConfirms");
        }

        var r = await OwnAsync(month, ct);
        r.Confirm(scope.UserId!, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The principal sends the submitted return back to the safety director with a comment.</summary>
    public async Task SendBackAsync(DateOnly month, string comment, CancellationToken ct = default)
    {
        if (await RoleAsync(ct) != UserRole.Principal)
        {
            throw new DomainException("Defences.OnlyPrincipalConfirms");
        }

        var r = await OwnAsync(month, ct);
        if (r.State != DefenceReturnState.Submitted)
        {
            throw new DomainException("Defences.NotSubmitted");
        }

        r.Return(scope.UserId!, comment, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task AcceptAsync(Guid id, CancellationToken ct = default)
    {
        var r = await ForBureauAsync(id, ct);
        r.Accept(scope.UserId!, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task ReturnAsync(Guid id, string comment, CancellationToken ct = default)
    {
        var r = await ForBureauAsync(id, ct);
        r.Return(scope.UserId!, comment, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Reopens one locked return with a reason (audited with the change of the return).</summary>
    public async Task ReopenAsync(Guid id, string reason, CancellationToken ct = default)
    {
        var r = await ForBureauAsync(id, ct);
        r.Reopen(scope.UserId!, reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The caller's bureau closes the month: every return of its schools for that month is locked, and no school
    /// below starts one. In one transaction; closing twice is refused.
    /// </summary>
    public async Task<int> CloseMonthAsync(DateOnly month, CancellationToken ct = default)
    {
        month = DefenceReturn.FirstOfMonth(month);
        var bureau = await CurrentBureauAsync(ct);
        if (await db.DefenceMonthClosures.AnyAsync(c => c.BureauId == bureau.Id && c.Month == month, ct))
        {
            throw new DomainException("Defences.MonthAlreadyClosed");
        }

        if (month > DefenceMonths.Current(clock))
        {
            throw new DomainException("Defences.MonthInFuture");
        }

        var returns = await db.DefenceReturns.Where(r => r.Month == month && r.ScopePath.StartsWith(bureau.Path) && !r.IsLocked).ToListAsync(ct);
        returns.ForEach(r => r.Lock());
        db.DefenceMonthClosures.Add(DefenceMonthClosure.Close(bureau, month, scope.UserId, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return returns.Count;
    }

    /// <summary>Whether a bureau at or above the path closed the month (read past the filter: a school's bureaus are above it).</summary>
    public async Task<bool> IsClosedAsync(string scopePath, DateOnly month, CancellationToken ct = default)
    {
        var ancestors = Drills.DrillSettings.AncestorPaths(scopePath);
        return await db.DefenceMonthClosures.AcrossTenants().AnyAsync(c => c.Month == month && ancestors.Contains(c.ScopePath), ct);
    }

    private async Task<IReadOnlyDictionary<string, decimal>?> PreviousValuesAsync(Guid schoolId, DateOnly month, CancellationToken ct)
    {
        var previous = await db.DefenceReturns.AsNoTracking()
            .Where(r => r.SchoolId == schoolId && r.Month < month)
            .OrderByDescending(r => r.Month)
            .Select(r => r.Values.Select(v => new { v.Field, v.Value }).ToList())
            .FirstOrDefaultAsync(ct);
        return previous?.ToDictionary(v => v.Field, v => v.Value, StringComparer.Ordinal);
    }

    private async Task<DefenceReturn> OwnAsync(DateOnly month, CancellationToken ct)
    {
        var school = await CurrentSchoolAsync(ct);
        month = DefenceReturn.FirstOfMonth(month);
        return await db.DefenceReturns.SingleOrDefaultAsync(r => r.SchoolId == school.Id && r.Month == month, ct)
            ?? throw new DefenceReturnNotFoundException();
    }

    private async Task<DefenceReturn> ForBureauAsync(Guid id, CancellationToken ct)
    {
        if (scope.SchoolId is not null || scope.BureauId is null)
        {
            throw new DomainException("Defences.BureauOnly");
        }

        return await db.DefenceReturns.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new DefenceReturnNotFoundException();
    }

    private async Task<UserRole?> RoleAsync(CancellationToken ct) =>
        scope.UserId is { } id ? await db.Users.Where(u => u.Id == id).Select(u => (UserRole?)u.Role).SingleOrDefaultAsync(ct) : null;

    private async Task<Domain.School> CurrentSchoolAsync(CancellationToken ct) =>
        scope.SchoolId is { } id
            ? await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new DefenceReturnNotFoundException()
            : throw new DomainException("Defences.SchoolOnly");

    private async Task<Bureau> CurrentBureauAsync(CancellationToken ct) =>
        scope.SchoolId is null && scope.BureauId is { } id
            ? await db.Bureaus.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw new DefenceReturnNotFoundException()
            : throw new DomainException("Defences.BureauOnly");
}
