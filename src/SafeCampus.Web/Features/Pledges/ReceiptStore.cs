using Npgsql;
using NpgsqlTypes;
using SafeCampus.Web.Data;

namespace SafeCampus.Web.Features.Pledges;

/// <summary>What the parent's page shows: the notice, the school and class, the student's given name only.</summary>
public sealed record ReceiptView(
    string ClassName, string StudentName, DateTimeOffset ExpiresAt, DateTimeOffset? AcknowledgedAt, string? AckName, string? AckRelationship,
    string SchoolName, string BureauName, string Title, string Body, string SchoolYear, DateOnly Deadline);

public enum AckOutcome
{
    Acknowledged,
    AlreadyAcknowledged,
    Expired,
    NotFound,
}

/// <summary>One acknowledgement as the parent submitted it, with the evidence kept for review.</summary>
public sealed record Acknowledgement(string Name, string Relationship, string? Ip, string? Device, string? UserAgent, bool TooFast);

/// <summary>
/// The anonymous side of parent receipts, on the hot path: one indexed lookup by token hash, one idempotent UPDATE
/// (only a receipt not yet acknowledged and not expired changes), with the suspicious-pattern flags computed in the
/// same statement. Works outside the tenant filter on purpose: the unguessable token is the capability, and it
/// reaches exactly one row (row-level security: the whole tree, set in the same round trip). Uses the app's data
/// source for hand-written statements, no DbContext.
/// </summary>
public sealed class ReceiptStore
{
    /// <summary>Acknowledgements from one IP within <see cref="BurstWindow"/> at one school before the next is flagged.</summary>
    public const int IpBurst = 10;

    /// <summary>Acknowledgements from one device (cookie) within <see cref="BurstWindow"/> before the next is flagged (two children is normal).</summary>
    public const int DeviceBurst = 2;

    public static readonly TimeSpan BurstWindow = TimeSpan.FromMinutes(10);

    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _clock;

    /// <param name="source">Its connection string carries the app's auto-prepare setting (DatabaseExtensions.WithPoolSettings):
    /// the statements are parsed and planned once per connection, not on every receipt.</param>
    public ReceiptStore(NpgsqlDataSource source, TimeProvider clock)
    {
        _source = source;
        _clock = clock;
    }

    public Task<ReceiptView?> FindAsync(string token, CancellationToken ct) =>
        _source.RetryOnOutageAsync(() => FindOnceAsync(token, ct), ct);

    /// <summary>Acknowledges once; a repeat, an expired or an unknown link changes nothing. Repeated on a database
    /// outage: a repeat after a lost commit answer finds the receipt acknowledged.</summary>
    public Task<AckOutcome> AcknowledgeAsync(string token, Acknowledgement ack, CancellationToken ct) =>
        _source.RetryOnOutageAsync(() => AcknowledgeOnceAsync(token, ack, ct), ct);

    private async Task<ReceiptView?> FindOnceAsync(string token, CancellationToken ct)
    {
        await using var cmd = SessionSettings.SystemWide.Batch(_source, """
            SELECT r."ClassName", r."StudentName", r."ExpiresAt", r."AcknowledgedAt", r."AckName", r."AckRelationship",
                   s."Name", b."Name", v."Title", v."Body", c."SchoolYear", c."Deadline"
            FROM "NoticeReceipts" r
            JOIN "PledgeCampaigns" c ON c."Id" = r."CampaignId"
            JOIN "PledgeTemplateVersions" v ON v."Id" = c."ParentVersionId"
            JOIN "Schools" s ON s."Id" = r."SchoolId"
            JOIN "Bureaus" b ON b."Id" = c."BureauId"
            WHERE r."TokenHash" = $1
            """, out var parameters);
        parameters.Add(new NpgsqlParameter { Value = ReceiptTokens.Hash(token), NpgsqlDbType = NpgsqlDbType.Bytea });
        await using var reader = await cmd.ReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new ReceiptView(
            reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9),
            reader.GetString(10), reader.GetFieldValue<DateOnly>(11));
    }

    private async Task<AckOutcome> AcknowledgeOnceAsync(string token, Acknowledgement ack, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var hash = ReceiptTokens.Hash(token);
        // The acknowledgement and its audit row in one statement (the same fields the audit interceptor would record).
        await using (var cmd = SessionSettings.SystemWide.Batch(_source, """
            WITH u AS (
            UPDATE "NoticeReceipts" r
            SET "AcknowledgedAt" = $2, "AckName" = $3, "AckRelationship" = $4, "AckIp" = $5, "AckDevice" = $6, "AckUserAgent" = $7,
                "Flags" = (CASE WHEN $8 THEN 2 ELSE 0 END)
                        | (CASE WHEN (SELECT count(*) FROM (SELECT 1 FROM "NoticeReceipts" x
                                      WHERE x."SchoolId" = r."SchoolId" AND x."AckIp" = $5 AND x."AcknowledgedAt" > $9 LIMIT $10) q) >= $10
                                  OR ($6 IS NOT NULL AND (SELECT count(*) FROM (SELECT 1 FROM "NoticeReceipts" y
                                      WHERE y."SchoolId" = r."SchoolId" AND y."AckDevice" = $6 AND y."AcknowledgedAt" > $9 LIMIT $11) q2) >= $11)
                           THEN 1 ELSE 0 END)
            WHERE r."TokenHash" = $1 AND r."AcknowledgedAt" IS NULL AND r."ExpiresAt" > $2
            RETURNING r."Id", r."ScopePath", r."Flags"
            ), a AS (
                INSERT INTO "AuditEntries" ("At", "UserId", "UserName", "ScopePath", "Entity", "EntityKey", "Action", "Before", "After")
                SELECT $2, NULL, $3, u."ScopePath", 'NoticeReceipt', u."Id"::text, 'update', NULL,
                       jsonb_build_object('AcknowledgedAt', $2, 'AckName', $3, 'AckRelationship', $4, 'AckIp', $5, 'AckDevice', $6,
                                          'AckUserAgent', $7, 'Flags', u."Flags")
                FROM u
            )
            SELECT count(*) FROM u
            """, out var parameters))
        {
            parameters.Add(new NpgsqlParameter { Value = hash, NpgsqlDbType = NpgsqlDbType.Bytea });
            parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            parameters.Add(new NpgsqlParameter { Value = ack.Name, NpgsqlDbType = NpgsqlDbType.Varchar });
            parameters.Add(new NpgsqlParameter { Value = ack.Relationship, NpgsqlDbType = NpgsqlDbType.Varchar });
            parameters.Add(new NpgsqlParameter { Value = (object?)ack.Ip ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            parameters.Add(new NpgsqlParameter { Value = (object?)ack.Device ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            parameters.Add(new NpgsqlParameter { Value = (object?)ack.UserAgent ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            parameters.Add(new NpgsqlParameter { Value = ack.TooFast, NpgsqlDbType = NpgsqlDbType.Boolean });
            parameters.Add(new NpgsqlParameter { Value = now - BurstWindow, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            parameters.Add(new NpgsqlParameter { Value = IpBurst, NpgsqlDbType = NpgsqlDbType.Integer });
            parameters.Add(new NpgsqlParameter { Value = DeviceBurst, NpgsqlDbType = NpgsqlDbType.Integer });
            if ((long)(await cmd.ScalarAsync(ct))! == 1)
            {
                return AckOutcome.Acknowledged;
            }
        }

        await using var check = SessionSettings.SystemWide.Batch(_source,
            """SELECT "AcknowledgedAt" IS NOT NULL, "ExpiresAt" > $2 FROM "NoticeReceipts" WHERE "TokenHash" = $1""", out var checkParameters);
        checkParameters.Add(new NpgsqlParameter { Value = hash, NpgsqlDbType = NpgsqlDbType.Bytea });
        checkParameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await check.ReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return AckOutcome.NotFound;
        }

        return reader.GetBoolean(0) ? AckOutcome.AlreadyAcknowledged : AckOutcome.Expired;
    }
}
