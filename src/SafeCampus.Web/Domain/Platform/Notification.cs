namespace SafeCampus.Web.Domain;

/// <summary>In-app notification (站内通知) for one user; optionally also sent by e-mail.</summary>
public sealed class Notification : ITenantOwned, IAuditable
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

    /// <summary>While <see cref="EmailState.Sending"/>: the claim's end, after which another run may take the mail over.
    /// While <see cref="EmailState.Pending"/> after a failure: not before this.</summary>
    public DateTimeOffset? EmailClaimedUntil { get; set; }
    public int EmailAttempts { get; set; }
}

public enum EmailState
{
    None = 0,
    Pending = 1,
    Sent = 2,
    Failed = 3,

    /// <summary>Claimed by a dispatch run, being sent; taken over when the claim has expired (its run died).</summary>
    Sending = 4,
}
