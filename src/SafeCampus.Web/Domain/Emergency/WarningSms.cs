namespace SafeCampus.Web.Domain;

public enum SmsState
{
    Pending = 1,

    /// <summary>Claimed by a dispatch run; taken over when the claim has expired (its run died).</summary>
    Sending = 2,

    /// <summary>Accepted by the SMS provider.</summary>
    Sent = 3,

    /// <summary>Written to the development sink: never counted as sent.</summary>
    Sunk = 4,
    Failed = 5,
}

/// <summary>
/// One text message of a warning to one school lead (短信预警): queued with the fan-out, once per warning and user,
/// sent by the dispatch job and counted by what the provider answered.
/// </summary>
public sealed class WarningSms : ITenantOwned, IAuditable
{
    public const int MaxAttempts = 3;

    private WarningSms() { }

    public Guid Id { get; private set; }
    public Guid WarningId { get; private set; }
    public string UserId { get; private set; } = "";
    public string ScopePath { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string Text { get; private set; } = "";
    public SmsState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ClaimedUntil { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? ProviderMessageId { get; private set; }
    public string? Error { get; private set; }

    public static WarningSms For(Warning warning, AppUser user, string text, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(), WarningId = warning.Id, UserId = user.Id, ScopePath = user.ScopePath, Phone = user.PhoneNumber!.Trim(),
            Text = text.Length > 300 ? text[..300] : text, State = SmsState.Pending, CreatedAt = now,
        };
}
