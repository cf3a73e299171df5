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
