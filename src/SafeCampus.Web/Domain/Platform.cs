namespace SafeCampus.Web.Domain;

/// <summary>In-app notification (站内通知) for one user; optionally also sent by e-mail.</summary>
public sealed class Notification : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string UserId { get; set; } = "";
    public string ScopePath { get; set; } = "";

    /// <summary>Unique per logical notification, e.g. "otp-expired:{userId}". A retried job never sends twice.</summary>
    public string IdempotencyKey { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public string? EmailTo { get; set; }
    public EmailState EmailState { get; set; }
    public DateTimeOffset? EmailSentAt { get; set; }
    public int EmailAttempts { get; set; }
}

public enum EmailState
{
    None = 0,
    Pending = 1,
    Sent = 2,
    Failed = 3,
}

/// <summary>One row per insert, update or delete of an auditable entity, written in the same transaction.</summary>
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
}

/// <summary>An uploaded photo or document, stored in PostgreSQL (see docs/decisions/0009-file-store.md).</summary>
public sealed class StoredFile : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string ScopePath { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public string? UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
