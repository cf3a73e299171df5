using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Notifications;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Scheduling;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Features.Audit;

/// <summary>What recomputing one month's chain found.</summary>
public sealed record AuditMonthCheck(DateOnly Month, long Entries, long Sealed, long? LastSeq, byte[]? LastHash, long? BrokenAt, string? Problem,
    bool HeadMissing)
{
    public bool Intact => BrokenAt is null && !HeadMissing;

    public string HeadText => LastHash is null ? "" : Convert.ToHexStringLower(LastHash);
}

/// <summary>
/// The audit trail's chain (ADR 18): sealing new rows, recomputing a month, recording its head. The work is done by the
/// database functions of migration AuditChain (<c>audit_seal</c>, <c>audit_verify</c>, <c>audit_ensure_partitions</c>,
/// <c>audit_drop_month</c>); this class calls them and keeps the heads.
/// </summary>
public sealed class AuditChain(AppDbContext db, TimeProvider clock, ILogger<AuditChain> log)
{
    public Task<int> EnsurePartitionsAsync(CancellationToken ct) =>
        Scalar<int>($"SELECT audit_ensure_partitions({clock.Today()}, 3) AS \"Value\"", ct);

    /// <summary>Seals what is unsealed, in batches; returns how many rows were sealed.</summary>
    public async Task<int> SealAsync(CancellationToken ct)
    {
        var total = 0;
        int sealedNow;
        do
        {
            sealedNow = await db.Database.SqlQuery<int>($"SELECT audit_seal(10000) AS \"Value\"").SingleAsync(ct);
            total += sealedNow;
        }
        while (sealedNow == 10000 && !ct.IsCancellationRequested);

        return total;
    }

    /// <summary>The months that have entries, newest first.</summary>
    public Task<List<DateOnly>> MonthsAsync(CancellationToken ct) =>
        db.Database.SqlQuery<DateOnly>($"""SELECT DISTINCT audit_month("At") AS "Value" FROM "AuditEntries" ORDER BY 1 DESC""").ToListAsync(ct);

    /// <summary>Recomputes a month's chain and compares it with the heads recorded earlier.</summary>
    public async Task<AuditMonthCheck> VerifyAsync(DateOnly month, CancellationToken ct)
    {
        var row = await db.Database.SqlQuery<VerifyRow>($"""
            SELECT entries AS "Entries", sealed AS "Sealed", last_seq AS "LastSeq", last_hash AS "LastHash", broken_at AS "BrokenAt", problem AS "Problem"
            FROM audit_verify({month})
            """).SingleAsync(ct);
        // Every head recorded for the month must still be in the chain, at its position: otherwise rows were removed
        // from its end (a gap in the middle or an edit is found by audit_verify itself). Both functions read the whole
        // month past row-level security, whoever asks, and return only the verdict.
        var missing = await db.Database.SqlQuery<int>($"""SELECT audit_heads_missing({month}) AS "Value" """).SingleAsync(ct);
        return new AuditMonthCheck(month, row.Entries, row.Sealed, row.LastSeq, row.LastHash, row.BrokenAt, row.Problem, missing > 0);
    }

    /// <summary>Keeps the month's head in the database and in the application log (a second witness).</summary>
    public async Task RecordHeadAsync(AuditMonthCheck check, CancellationToken ct)
    {
        if (check.LastSeq is not { } seq || check.LastHash is null || !check.Intact)
        {
            return;
        }

        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "AuditChainHeads" ("Month", "Seq", "Hash", "RecordedAt") VALUES ({check.Month}, {seq}, {check.LastHash}, {clock.GetUtcNow()})
            ON CONFLICT DO NOTHING
            """, ct);
        log.LogInformation("Audit chain {Month}: {Entries} entries, head {Seq} {Hash}", check.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            check.Entries, seq, check.HeadText);
    }

    private Task<T> Scalar<T>(FormattableString sql, CancellationToken ct) => db.Database.SqlQuery<T>(sql).SingleAsync(ct);

    private sealed record VerifyRow(long Entries, long Sealed, long? LastSeq, byte[]? LastHash, long? BrokenAt, string? Problem);
}

/// <summary>Every minute: new audit rows get their place in the chain.</summary>
public sealed class AuditSealJob(AuditChain chain, TenantScope scope) : IScheduledJob
{
    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        using var _ = scope.EnterSystem("audit-seal");
        await chain.SealAsync(cancellationToken);
    }
}

/// <summary>
/// Nightly: partitions for the coming months, seal, recompute every month's chain, record the heads; a broken chain is
/// logged as an error and told to the top bureau's administrators. With <c>Audit:RetentionMonths</c> (at least 6)
/// set, whole months older than that are dropped after their chain was verified.
/// </summary>
public sealed class AuditVerifyJob(AuditChain chain, AppDbContext db, TenantScope scope, Notifier notifier, IConfiguration configuration,
    TimeProvider clock, ILogger<AuditVerifyJob> log) : IScheduledJob
{
    public const int MinimumRetentionMonths = 6;

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        using var _ = scope.EnterSystem("audit-verify");
        await RunAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditMonthCheck>> RunAsync(CancellationToken ct)
    {
        await chain.EnsurePartitionsAsync(ct);
        await chain.SealAsync(ct);
        var checks = new List<AuditMonthCheck>();
        foreach (var month in await chain.MonthsAsync(ct))
        {
            var check = await chain.VerifyAsync(month, ct);
            checks.Add(check);
            if (check.Intact)
            {
                await chain.RecordHeadAsync(check, ct);
                continue;
            }

            log.LogError("Audit chain {Month} is broken at entry {Id}: {Problem} (head missing: {HeadMissing})",
                month.ToString("yyyy-MM", CultureInfo.InvariantCulture), check.BrokenAt, check.Problem, check.HeadMissing);
            await TellOperatorsAsync(check, ct);
        }

        await DropExpiredAsync(checks, ct);
        return checks;
    }

    private async Task TellOperatorsAsync(AuditMonthCheck check, CancellationToken ct)
    {
        var month = check.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var admins = await db.Users.Where(u => u.Role == UserRole.BureauAdmin && !u.IsDisabled && u.BureauId != null
                && db.Bureaus.Any(b => b.Id == u.BureauId && b.ParentId == null))
            .Select(u => u.Id).ToListAsync(ct);
        foreach (var admin in admins)
        {
            await notifier.NotifyAsync(new NotificationMessage(admin, $"audit-broken:{month}:{check.BrokenAt}:{check.HeadMissing}:{admin}",
                string.Format(CultureInfo.CurrentCulture, AuditText.BrokenTitle, month),
                AuditText.BrokenBody, $"/audit?month={month}"), ct);
        }
    }

    private async Task DropExpiredAsync(IReadOnlyList<AuditMonthCheck> checks, CancellationToken ct)
    {
        var keep = configuration.GetValue("Audit:RetentionMonths", 0);
        if (keep <= 0)
        {
            return; // kept for ever (the default)
        }

        keep = Math.Max(keep, MinimumRetentionMonths);
        var today = clock.Today();
        var oldest = new DateOnly(today.Year, today.Month, 1).AddMonths(-keep);
        foreach (var check in checks.Where(c => c.Month < oldest && c.Intact && c.Sealed == c.Entries))
        {
            var dropped = await db.Database.SqlQuery<bool>($"SELECT audit_drop_month({check.Month}) AS \"Value\"").SingleAsync(ct);
            if (dropped)
            {
                log.LogWarning("Audit entries of {Month} dropped after {Keep} months (head {Seq} {Hash})",
                    check.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), keep, check.LastSeq, check.HeadText);
            }
        }
    }
}
