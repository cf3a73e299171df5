using System.Security.Cryptography;
using System.Text;

namespace SafeCampus.Web.Domain;

/// <summary>The kinds of responsibility pledge (安全责任书) and notice (告家长书) a bureau keeps templates for.</summary>
public enum PledgeKind
{
    /// <summary>教育局与校长安全责任书: the principal signs.</summary>
    BureauPrincipal = 1,

    /// <summary>校长与中层干部、班主任、教职工岗位安全责任书: staff sign, by post.</summary>
    PrincipalStaff = 2,

    /// <summary>学校安全告家长书（回执）: parents acknowledge.</summary>
    ParentNotice = 3,

    /// <summary>学生乘车安全和防溺水保证书: parents acknowledge for the student.</summary>
    StudentBusDrowning = 4,

    /// <summary>寒（暑）假安全承诺书: parents acknowledge for the student.</summary>
    HolidayPledge = 5,

    /// <summary>寒（暑）假告学生家长书: parents acknowledge.</summary>
    HolidayNotice = 6,
}

/// <summary>Who signs a layer of a campaign (层层签订).</summary>
public enum PledgeLayer
{
    Principal = 1,
    Staff = 2,
    Parent = 3,
}

/// <summary>A staff member's post (岗位) in a staff pledge.</summary>
public enum StaffPost
{
    Principal = 1,
    MiddleManager = 2,
    ClassTeacher = 3,
    Teacher = 4,
    Staff = 5,
}

public static class PledgeKinds
{
    public static PledgeLayer LayerOf(PledgeKind kind) => kind switch
    {
        PledgeKind.BureauPrincipal => PledgeLayer.Principal,
        PledgeKind.PrincipalStaff => PledgeLayer.Staff,
        _ => PledgeLayer.Parent,
    };
}

/// <summary>
/// A bureau's pledge or notice template (责任书模板). Its text lives in numbered versions; editing adds a version, so a
/// version that was signed never changes (the database refuses updates of versions, too).
/// </summary>
public sealed class PledgeTemplate : ITenantOwned, IAuditable
{
    public const int MaxBody = 20_000;

    private PledgeTemplate() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public PledgeKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public int LatestVersion { get; private set; }
    public Guid LatestVersionId { get; private set; }
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }

    public static (PledgeTemplate Template, PledgeTemplateVersion First) Create(Bureau bureau, PledgeKind kind, string name, string body, string? by, DateTimeOffset now)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Pledges.KindInvalid");
        }

        var template = new PledgeTemplate { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Kind = kind, CreatedAt = now };
        var first = template.Revise(name, body, by, now);
        return (template, first);
    }

    /// <summary>Adds a new version with the given text; earlier versions stay as they were.</summary>
    public PledgeTemplateVersion Revise(string name, string body, string? by, DateTimeOffset now)
    {
        var title = string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100 ? throw new DomainException("Pledges.TitleInvalid") : name.Trim();
        var text = NormaliseBody(body);
        LatestVersion++;
        var version = new PledgeTemplateVersion(Guid.CreateVersion7(), Id, ScopePath, Kind, LatestVersion, title, text, now, by);
        Name = title;
        LatestVersionId = version.Id;
        return version;
    }

    public void SetActive(bool active) => IsActive = active;

    /// <summary>Line endings \n, no trailing spaces, at most one blank line between paragraphs.</summary>
    public static string NormaliseBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new DomainException("Pledges.BodyRequired");
        }

        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd());
        var text = string.Join('\n', lines).Trim('\n');
        while (text.Contains("\n\n\n", StringComparison.Ordinal))
        {
            text = text.Replace("\n\n\n", "\n\n", StringComparison.Ordinal);
        }

        return text.Length > MaxBody ? throw new DomainException("Pledges.BodyTooLong") : text;
    }
}

/// <summary>One immutable version of a template's text, with placeholders such as {学校} (see PledgeText).</summary>
public sealed class PledgeTemplateVersion : ITenantOwned
{
    private PledgeTemplateVersion() { }

    internal PledgeTemplateVersion(Guid id, Guid templateId, string scopePath, PledgeKind kind, int number, string title, string body, DateTimeOffset createdAt, string? createdBy)
    {
        (Id, TemplateId, ScopePath, Kind, Number, Title, Body, CreatedAt, CreatedBy) = (id, templateId, scopePath, kind, number, title, body, createdAt, createdBy);
    }

    public Guid Id { get; private set; }
    public Guid TemplateId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public PledgeKind Kind { get; private set; }
    public int Number { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string? CreatedBy { get; private set; }
}

/// <summary>
/// A signing campaign (签订活动) a bureau launches for the schools of its subtree: the principal layer signs the
/// bureau's pledge; once signed, the principal passes the staff pledge and the parents' notice on. A campaign may
/// leave out a layer (e.g. a holiday notice goes to parents only).
/// </summary>
public sealed class PledgeCampaign : ITenantOwned, IAuditable
{
    private PledgeCampaign() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string SchoolYear { get; private set; } = "";
    public Guid? PrincipalVersionId { get; private set; }
    public Guid? StaffVersionId { get; private set; }
    public Guid? ParentVersionId { get; private set; }
    public DateOnly Deadline { get; private set; }

    /// <summary>Days before the deadline on which non-signers are reminded, e.g. "7,3,1".</summary>
    public string ReminderDays { get; private set; } = "";
    public int SchoolCount { get; private set; }
    public Guid? ScheduleId { get; private set; }
    public DateTimeOffset LaunchedAt { get; private set; }
    public string? LaunchedBy { get; private set; }

    public static PledgeCampaign Launch(Bureau bureau, PledgeCampaignSpec spec, string? by, DateTimeOffset now, DateOnly today)
    {
        spec.Validate(today);
        return new PledgeCampaign
        {
            Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Title = spec.Title.Trim(), SchoolYear = spec.SchoolYear.Trim(),
            PrincipalVersionId = spec.Principal?.Id, StaffVersionId = spec.Staff?.Id, ParentVersionId = spec.Parent?.Id,
            Deadline = spec.Deadline, ReminderDays = string.Join(',', spec.Reminders.Distinct().OrderDescending()), ScheduleId = spec.ScheduleId,
            LaunchedAt = now, LaunchedBy = by,
        };
    }

    public void SetSchoolCount(int count) => SchoolCount = count;

    /// <summary>Receipt links and signing stay open to the end of the deadline day (China time) — the caller converts.</summary>
    public bool IsOpen(DateOnly today) => today <= Deadline;

    public IReadOnlyList<int> Reminders =>
        ReminderDays.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).OrderDescending().ToList();
}

public sealed record PledgeCampaignSpec(
    string Title, string SchoolYear, PledgeTemplateVersion? Principal, PledgeTemplateVersion? Staff, PledgeTemplateVersion? Parent,
    DateOnly Deadline, IReadOnlyList<int> Reminders, Guid? ScheduleId = null)
{
    public void Validate(DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > 100)
        {
            throw new DomainException("Pledges.TitleInvalid");
        }

        if (string.IsNullOrWhiteSpace(SchoolYear) || SchoolYear.Trim().Length > 30)
        {
            throw new DomainException("Pledges.SchoolYearInvalid");
        }

        if (Principal is null && Staff is null && Parent is null)
        {
            throw new DomainException("Pledges.NoLayer");
        }

        if ((Principal is not null && PledgeKinds.LayerOf(Principal.Kind) != PledgeLayer.Principal)
            || (Staff is not null && PledgeKinds.LayerOf(Staff.Kind) != PledgeLayer.Staff)
            || (Parent is not null && PledgeKinds.LayerOf(Parent.Kind) != PledgeLayer.Parent))
        {
            throw new DomainException("Pledges.LayerMismatch");
        }

        if (Deadline < today || Deadline > today.AddYears(1))
        {
            throw new DomainException("Pledges.DeadlineInvalid");
        }

        if (Reminders.Any(d => d is < 0 or > 60) || Reminders.Count > 5)
        {
            throw new DomainException("Pledges.RemindersInvalid");
        }
    }
}

/// <summary>A school in a campaign's audience; records when the principal passed the next layer down (下发).</summary>
public sealed class PledgeCampaignSchool : ITenantOwned
{
    private PledgeCampaignSchool() { }

    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DateTimeOffset? PassedOnAt { get; private set; }
    public string? PassedOnBy { get; private set; }

    public static PledgeCampaignSchool For(PledgeCampaign campaign, School school) =>
        school.ScopePath.StartsWith(campaign.ScopePath, StringComparison.Ordinal)
            ? new PledgeCampaignSchool { Id = Guid.CreateVersion7(), CampaignId = campaign.Id, SchoolId = school.Id, ScopePath = school.ScopePath }
            : throw new DomainException("Pledges.SchoolOutsideBureau");

    public void MarkPassedOn(string? by, DateTimeOffset now)
    {
        PassedOnAt ??= now;
        PassedOnBy ??= by;
    }
}

/// <summary>
/// One required signature (签署) of a principal or a staff member. Pending until signed; once signed, the evidence —
/// who, in which role and school, when, from where, and the exact text with its SHA-256 — never changes.
/// </summary>
public sealed class PledgeSignature : ITenantOwned
{
    public const int MaxDrawing = 200_000;

    private PledgeSignature() { }

    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public PledgeLayer Layer { get; private set; }
    public StaffPost Post { get; private set; }
    public string UserId { get; private set; } = "";
    public Guid VersionId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SignedAt { get; private set; }
    public string? SignerName { get; private set; }
    public string? SignerRole { get; private set; }
    public string? SchoolName { get; private set; }
    public string? SignedText { get; private set; }
    public string? TextSha256 { get; private set; }
    public string? VerificationCode { get; private set; }
    public string? Ip { get; private set; }
    public string? UserAgent { get; private set; }

    /// <summary>The drawn signature as an SVG path list ("M x y L x y …"), when the signer drew one.</summary>
    public string? Drawing { get; private set; }

    public bool IsSigned => SignedAt is not null;

    public static PledgeSignature Require(PledgeCampaign campaign, School school, AppUser user, PledgeLayer layer, StaffPost post, Guid versionId, DateTimeOffset now)
    {
        if (user.SchoolId != school.Id || layer == PledgeLayer.Parent || !Enum.IsDefined(post))
        {
            throw new DomainException("Pledges.SignerInvalid");
        }

        return new PledgeSignature
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, SchoolId = school.Id, ScopePath = school.ScopePath, Layer = layer, Post = post,
            UserId = user.Id, VersionId = versionId, CreatedAt = now,
        };
    }

    public void Sign(SignatureEvidence e, DateTimeOffset now)
    {
        if (IsSigned)
        {
            throw new DomainException("Pledges.AlreadySigned");
        }

        if (!e.Confirmed)
        {
            throw new DomainException("Pledges.NotConfirmed");
        }

        if (!SameName(e.TypedName, e.AccountName))
        {
            throw new DomainException("Pledges.NameMismatch");
        }

        if (e.Drawing is { Length: > MaxDrawing })
        {
            throw new DomainException("Pledges.DrawingTooLarge");
        }

        SignedAt = now;
        SignerName = e.AccountName.Trim();
        SignerRole = e.RoleName;
        SchoolName = e.SchoolName;
        SignedText = e.Text;
        TextSha256 = Sha256Hex(e.Text);
        VerificationCode = NewVerificationCode();
        Ip = e.Ip is { Length: > 64 } ip ? ip[..64] : e.Ip;
        UserAgent = e.UserAgent is { Length: > 300 } ua ? ua[..300] : e.UserAgent;
        Drawing = string.IsNullOrWhiteSpace(e.Drawing) ? null : e.Drawing;
    }

    /// <summary>Names compare without spaces (全角 or 半角) and middle dots written differently.</summary>
    public static bool SameName(string? typed, string? account) =>
        !string.IsNullOrWhiteSpace(typed) && !string.IsNullOrWhiteSpace(account) && Squash(typed) == Squash(account);

    private static string Squash(string s) =>
        new(s.Where(c => !char.IsWhiteSpace(c)).Select(c => c is '·' or '•' or '．' ? '·' : c).ToArray());

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>12 characters from an alphabet without look-alikes (0/O, 1/I): 60 bits, printed as XXXX-XXXX-XXXX.</summary>
    public static string NewVerificationCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(chars);
    }
}

public sealed record SignatureEvidence(
    string TypedName, string AccountName, bool Confirmed, string RoleName, string SchoolName, string Text, string? Ip, string? UserAgent, string? Drawing);

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
public sealed class NoticeReceipt : ITenantOwned
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

/// <summary>
/// A recurring campaign (定期签订): launched by the scheduler every year on the given day — early May and early
/// September for the bus-safety and drowning-prevention pledge, the bureau's dates before the holidays.
/// </summary>
public sealed class PledgeSchedule : ITenantOwned, IAuditable
{
    private PledgeSchedule() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Title { get; private set; } = "";
    public Guid? PrincipalTemplateId { get; private set; }
    public Guid? StaffTemplateId { get; private set; }
    public Guid? ParentTemplateId { get; private set; }
    public int LaunchMonth { get; private set; }
    public int LaunchDay { get; private set; }
    public int DaysToDeadline { get; private set; }
    public string ReminderDays { get; private set; } = "";
    public int? LastLaunchedYear { get; private set; }
    public bool IsActive { get; private set; } = true;

    public static PledgeSchedule Create(Bureau bureau, string title, Guid? principal, Guid? staff, Guid? parent, int month, int day, int daysToDeadline, string reminderDays)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 100)
        {
            throw new DomainException("Pledges.TitleInvalid");
        }

        if (principal is null && staff is null && parent is null)
        {
            throw new DomainException("Pledges.NoLayer");
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2025, month) || daysToDeadline is < 1 or > 120)
        {
            throw new DomainException("Pledges.ScheduleInvalid");
        }

        return new PledgeSchedule
        {
            Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Title = title.Trim(), PrincipalTemplateId = principal,
            StaffTemplateId = staff, ParentTemplateId = parent, LaunchMonth = month, LaunchDay = day, DaysToDeadline = daysToDeadline,
            ReminderDays = reminderDays,
        };
    }

    /// <summary>Due when this year's launch day has come (within the last 30 days) and it was not launched this year.</summary>
    public bool IsDue(DateOnly today)
    {
        var launch = new DateOnly(today.Year, LaunchMonth, LaunchDay);
        return IsActive && LastLaunchedYear != today.Year && today >= launch && today.DayNumber - launch.DayNumber <= 30;
    }

    public void MarkLaunched(int year) => LastLaunchedYear = year;

    public void SetActive(bool active) => IsActive = active;
}
