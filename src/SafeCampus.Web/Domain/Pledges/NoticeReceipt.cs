namespace SafeCampus.Web.Domain;

/// <summary>Why a receipt was flagged for review (not blocked).</summary>
[Flags]
public enum ReceiptFlags
{
    None = 0,

    /// <summary>Many acknowledgements from one IP address or one device within minutes.</summary>
    Burst = 1,

    /// <summary>Submitted faster than a person reads the notice.</summary>
    TooFast = 2,
}

/// <summary>
/// A parent's receipt (回执) for one student: issued with an unguessable link (only its SHA-256 is stored for lookup),
/// acknowledged once by the guardian with name and relationship. Later submissions change nothing.
/// </summary>
public sealed class NoticeReceipt : ITenantOwned, IAuditable
{
    private NoticeReceipt() { }

    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string ClassName { get; private set; } = "";
    public string StudentName { get; private set; } = "";
    public string? GuardianName { get; private set; }
    public byte[] TokenHash { get; private set; } = [];

    /// <summary>The token, encrypted with the app's data-protection keys, so the school can print the QR sheet again.</summary>
    public string TokenProtected { get; private set; } = "";
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AckName { get; private set; }
    public string? AckRelationship { get; private set; }
    public string? AckIp { get; private set; }
    public string? AckDevice { get; private set; }
    public string? AckUserAgent { get; private set; }
    public ReceiptFlags Flags { get; private set; }

    public static NoticeReceipt Issue(PledgeCampaignSchool school, RosterLine line, byte[] tokenHash, string tokenProtected, DateTimeOffset expiresAt, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(), CampaignId = school.CampaignId, SchoolId = school.SchoolId, ScopePath = school.ScopePath,
            ClassName = line.ClassName, StudentName = line.StudentName, GuardianName = line.GuardianName,
            TokenHash = tokenHash, TokenProtected = tokenProtected, ExpiresAt = expiresAt, IssuedAt = now,
        };

    /// <summary>
    /// Records an acknowledgement in memory (seeding and tests). The parents' page writes through ReceiptStore's
    /// single idempotent UPDATE instead, which applies the same rules in SQL.
    /// </summary>
    public bool Acknowledge(Acknowledged ack, DateTimeOffset now)
    {
        if (AcknowledgedAt is not null || now >= ExpiresAt)
        {
            return false;
        }

        (AcknowledgedAt, AckName, AckRelationship, AckIp, AckDevice, AckUserAgent, Flags) = (now, ack.Name, ack.Relationship, ack.Ip, ack.Device, ack.UserAgent, ack.Flags);
        return true;
    }

    /// <summary>The given name shown to the parent: the name without its (one-character) surname, when longer than two.</summary>
    public static string GivenName(string studentName) =>
        studentName.Length >= 3 ? studentName[1..] : studentName.Length == 2 ? studentName[1..] : studentName;
}

/// <summary>A parent's acknowledgement with its evidence and the flags it earned.</summary>
public sealed record Acknowledged(string Name, string Relationship, string? Ip, string? Device, string? UserAgent, ReceiptFlags Flags);

/// <summary>One student of a class roster (班级名单).</summary>
public sealed record RosterLine(string ClassName, string StudentName, string? GuardianName);
