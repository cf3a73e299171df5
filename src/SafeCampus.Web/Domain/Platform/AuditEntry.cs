namespace SafeCampus.Web.Domain;

/// <summary>
/// One row per insert, update or delete of an auditable entity (and per sign-in event), written in the same
/// transaction. The table is partitioned by China month of <see cref="At"/>, append-only for the application's role,
/// and chained: the sealing function (<c>audit_seal()</c>, run every minute) gives each new row its place in its
/// month's chain (<see cref="Seq"/>), the previous row's hash and a SHA-256 of both and of its content, so an edited or
/// deleted row breaks the chain (<c>audit_verify(month)</c>, docs/security.md).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? ScopePath { get; set; }
    public string Entity { get; set; } = "";
    public string EntityKey { get; set; } = "";
    public string Action { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }

    /// <summary>Position in its month's chain, from 1; null until sealed.</summary>
    public long? Seq { get; set; }

    /// <summary>The hash of the previous row of the month's chain; null for the first row and until sealed.</summary>
    public byte[]? PrevHash { get; set; }

    /// <summary>SHA-256 of the previous hash, the position and the content; null until sealed.</summary>
    public byte[]? Hash { get; set; }
}

/// <summary>
/// A month's chain head as the verification job saw it (also written to the application log): a later verification
/// that no longer finds it knows rows were removed from the end of the chain.
/// </summary>
public sealed class AuditChainHead
{
    public DateOnly Month { get; set; }
    public long Seq { get; set; }
    public byte[] Hash { get; set; } = [];
    public DateTimeOffset RecordedAt { get; set; }
}
