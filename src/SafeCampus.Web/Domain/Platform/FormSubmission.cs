namespace SafeCampus.Web.Domain;

/// <summary>
/// One form post the browser marked with a submission key (<c>__submission</c>). A phone on a weak signal resends
/// the same post when the answer is lost; the key makes the resend harmless: the first post does the work and records
/// where it redirected, the resend is sent there without doing the work again. Kept for a week.
/// </summary>
public sealed class FormSubmission
{
    public Guid Key { get; set; }

    public string UserId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Where the successful post redirected; null while the first post is still being processed.</summary>
    public string? Location { get; set; }
}
