using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Organisation.Changes;

public sealed class SchoolMoveInput
{
    public string? BureauId { get; set; }
    public string? DistrictId { get; set; }
    public bool Confirm { get; set; }
}

public sealed class DistrictDissolveInput
{
    /// <summary>The district of the same county the schools go to; empty: no district (directly under the county).</summary>
    public string? TargetDistrictId { get; set; }
    public bool Confirm { get; set; }
}

/// <summary>A table of a tenant-owned entity and its scope-path column, as the EF model maps them.</summary>
public sealed record TenantTable(string Table, string? Schema, string Column)
{
    public string Sql => (Schema is null ? "" : Quote(Schema) + ".") + Quote(Table);

    public string ColumnSql => Quote(Column);

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>
/// Changes of the organisation during a year (ADR 19): a school moves to another county, a county dissolves one of
/// its safety districts. Each runs in one transaction, inside the caller's subtree, and leaves audit entries that say
/// who did it and what moved.
/// </summary>
public sealed class OrganisationChanges(AppDbContext db, TenantScope scope, OrgContext org, TimeProvider clock)
{
    /// <summary>
    /// Every table holding tenant-owned rows, read from the EF model so a new tenant-owned entity is covered without
    /// touching this class. The audit trail is not tenant-owned: it keeps the paths rows had when they were written.
    /// </summary>
    public static IReadOnlyList<TenantTable> TenantTables(IModel model) =>
        model.GetEntityTypes()
            .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null && !t.IsOwned() && t.GetTableName() is not null)
            .Select(t =>
            {
                var property = t.FindProperty(nameof(ITenantOwned.ScopePath)) ?? t.FindProperty(nameof(Bureau.Path))
                    ?? throw new InvalidOperationException($"{t.ClrType.Name} has no scope path column.");
                var table = StoreObjectIdentifier.Table(t.GetTableName()!, t.GetSchema());
                return new TenantTable(t.GetTableName()!, t.GetSchema(), property.GetColumnName(table)!);
            })
            .DistinctBy(t => (t.Schema, t.Table))
            .OrderBy(t => t.Table, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Moves a school to another county bureau. Only a bureau whose subtree holds both counties may do it (in the demo:
    /// the city). The school's row, and every tenant-owned row under its old scope path — its users, drills, pledges
    /// signed, receipts, hazards, self-checks, inspections, 三防 returns, files, notifications — take the new path in
    /// one set-based UPDATE per table, so the new county sees the school's history and the old county no longer does.
    /// Rows the old county owns itself (its campaigns, closed months, statistics PDFs, notice numbers) stay with it.
    /// The school's users get a new security stamp: their sessions end and the next sign-in carries the new scope.
    /// </summary>
    public Task<SaveResult> MoveSchoolAsync(Guid schoolId, SchoolMoveInput input, CancellationToken ct = default) =>
        db.InTransactionAsync(() => MoveSchoolOnceAsync(schoolId, input, ct), ct);

    /// <summary>One attempt, inside the caller's (retried) transaction: every read included.</summary>
    private async Task<SaveResult> MoveSchoolOnceAsync(Guid schoolId, SchoolMoveInput input, CancellationToken ct)
    {
        var school = await db.Schools.FirstOrDefaultAsync(s => s.Id == schoolId, ct);
        if (school is null)
        {
            return SaveResult.NotFound();
        }

        var place = await org.GetAsync(ct);
        if (!place.IsCity && !place.IsCounty)
        {
            return SaveResult.Forbidden();
        }

        var errors = new FormErrors();
        var targetId = Paging.ParseGuid(input.BureauId);
        var county = targetId is null ? null
            : await db.Bureaus.FirstOrDefaultAsync(b => b.Id == targetId && b.Level == BureauLevel.County, ct);
        var oldCounty = await db.Bureaus.AsNoTracking().FirstAsync(b => b.Id == school.BureauId, ct);
        if (county is null || !scope.Covers(county.Path) || !scope.Covers(oldCounty.Path))
        {
            // A county administrator sees no other county: the bureau that holds both has to do it.
            errors.Add(nameof(input.BureauId), OrganisationText.MoveChooseCounty);
        }
        else if (county.Id == school.BureauId)
        {
            errors.Add(nameof(input.BureauId), string.Format(CultureInfo.CurrentCulture, OrganisationText.MoveSameCounty, school.Name, county.Name));
        }

        SafetyDistrict? district = null;
        if (Paging.ParseGuid(input.DistrictId) is { } districtId)
        {
            district = await db.SafetyDistricts.FirstOrDefaultAsync(d => d.Id == districtId, ct);
            if (district is null || district.BureauId != county?.Id)
            {
                errors.Add(nameof(input.DistrictId), OrganisationText.DistrictOfChosenCounty);
            }
        }

        if (!input.Confirm)
        {
            errors.Add(nameof(input.Confirm), OrganisationText.ConfirmRequired);
        }

        if (errors.Any)
        {
            return SaveResult.Invalid(errors);
        }

        var oldPath = school.ScopePath;
        var oldBureauId = school.BureauId;
        var oldDistrictId = school.DistrictId;
        try
        {
            // The school's own row through EF: the tenant guard checks the old and the new path, the audit
            // interceptor records the change of county, district and path.
            school.MoveTo(county!, district);
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return SaveResult.Invalid(ex.LocalizedMessage());
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SaveResult.Invalid(OrganisationText.ChangedByOthers);
        }

        var moved = await MoveRowsAsync(oldPath, school.ScopePath, ct);

        // The school's accounts: their bureau is the new county; a new stamp ends sessions that carry the old scope.
        var users = await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE "AspNetUsers" SET "BureauId" = @bureau, "SecurityStamp" = replace(gen_random_uuid()::text, '-', ''),
                "ConcurrencyStamp" = gen_random_uuid()::text
            WHERE "SchoolId" = @school
            """,
            [new NpgsqlParameter("bureau", county!.Id), new NpgsqlParameter("school", school.Id)], ct);

        // Filed under the old county's path, so the county the school left sees that it left and where to; the
        // school's own update entry (from the interceptor) lies under the new path, for the county it joined.
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), UserId = scope.UserId, UserName = scope.UserName, ScopePath = oldCounty.Path,
            Entity = nameof(School), EntityKey = school.Id.ToString(), Action = "move",
            Before = JsonSerializer.Serialize(new { BureauId = oldBureauId, Bureau = oldCounty.Name, DistrictId = oldDistrictId, ScopePath = oldPath }),
            After = JsonSerializer.Serialize(new
            {
                BureauId = county.Id, Bureau = county.Name, DistrictId = district?.Id, school.ScopePath, Users = users,
                Rows = moved.Where(m => m.Value > 0).ToDictionary(m => m.Key, m => m.Value),
            }),
        });
        await db.SaveChangesAsync(ct);
        return SaveResult.Ok(school.Id);
    }

    /// <summary>
    /// Rewrites the prefix <paramref name="oldPath"/> to <paramref name="newPath"/> in every tenant table: one UPDATE
    /// per table. Runs inside the caller's transaction; both paths were checked against the scope.
    /// </summary>
    private async Task<Dictionary<string, int>> MoveRowsAsync(string oldPath, string newPath, CancellationToken ct)
    {
        if (!scope.Covers(oldPath) || !scope.Covers(newPath))
        {
            throw new TenantViolationException($"Moving '{oldPath}' to '{newPath}' is outside scope '{scope.Path}'.");
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in TenantTables(db.Model))
        {
            // Table and column names come from the EF model (quoted identifiers), values are parameters. Paths are
            // '/' and hex digits only, so the prefix needs no LIKE escaping.
            var sql = "UPDATE " + table.Sql + " SET " + table.ColumnSql + " = @new || substr(" + table.ColumnSql + ", @length + 1) WHERE "
                + table.ColumnSql + " LIKE @prefix";
            counts[table.Table] = await db.Database.ExecuteSqlRawAsync(sql,
                [new NpgsqlParameter("new", newPath), new NpgsqlParameter("length", oldPath.Length), new NpgsqlParameter("prefix", oldPath + "%")], ct);
        }

        return counts;
    }

    /// <summary>
    /// Dissolves a safety district of the caller's own county: its schools go to another district of the county or
    /// to none, the district is deleted. One save; every school's change and the deletion are audited.
    /// </summary>
    public async Task<SaveResult> DissolveDistrictAsync(Guid districtId, DistrictDissolveInput input, CancellationToken ct = default)
    {
        var district = await db.SafetyDistricts.FirstOrDefaultAsync(d => d.Id == districtId, ct);
        if (district is null)
        {
            return SaveResult.NotFound();
        }

        // Districts are the county's own arrangement (as for editing them): the city does not dissolve them.
        var place = await org.GetAsync(ct);
        if (!place.IsCounty || place.BureauId != district.BureauId)
        {
            return SaveResult.Forbidden();
        }

        var errors = new FormErrors();
        SafetyDistrict? target = null;
        if (Paging.ParseGuid(input.TargetDistrictId) is { } targetId)
        {
            target = await db.SafetyDistricts.FirstOrDefaultAsync(d => d.Id == targetId && d.BureauId == district.BureauId && d.Id != district.Id, ct);
            if (target is null)
            {
                errors.Add(nameof(input.TargetDistrictId), OrganisationText.DissolveChooseTarget);
            }
        }

        if (!input.Confirm)
        {
            errors.Add(nameof(input.Confirm), OrganisationText.ConfirmRequired);
        }

        if (errors.Any)
        {
            return SaveResult.Invalid(errors);
        }

        var schools = await db.Schools.Where(s => s.DistrictId == district.Id).ToListAsync(ct);
        return await OrgSave.RunAsync(db, () =>
        {
            foreach (var school in schools)
            {
                school.AssignDistrict(target);
            }

            db.SafetyDistricts.Remove(district);
            return district.Id;
        }, () => OrganisationText.ChangedByOthers, ct);
    }
}
