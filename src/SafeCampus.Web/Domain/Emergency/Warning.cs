namespace SafeCampus.Web.Domain;

public enum WarningKind
{
    Weather = 1,
    Drowning = 2,
    Epidemic = 3,
    Traffic = 4,
    Fire = 5,
    PublicSecurity = 6,
    Other = 7,
}

/// <summary>预警级别: 蓝 (IV) to 红 (I).</summary>
public enum WarningLevel
{
    Blue = 1,
    Yellow = 2,
    Orange = 3,
    Red = 4,
}

/// <summary>Who acts in the emergency capability: the signed-in user, their role, school (null for bureau staff) and bureau.</summary>
public sealed record EmergencyActor(string UserId, string Name, UserRole Role, Guid? SchoolId, Guid? BureauId)
{
    public bool IsBureau => Role.IsBureauRole();

    public bool IsSchoolLead(Guid schoolId) => SchoolId == schoolId && Role is UserRole.Principal or UserRole.SafetyDirector;
}

public sealed record WarningDraft(WarningKind Kind, WarningLevel Level, string Title, string Text, string RequiredActions, DateOnly ReplyBy, bool Sms);

/// <summary>Which schools of the bureau's subtree receive a warning: none chosen means all of them.</summary>
public sealed record WarningTarget(IReadOnlyList<Guid> DistrictIds, IReadOnlyList<SchoolKind> Kinds)
{
    public static readonly WarningTarget Everyone = new([], []);
}

public sealed record WarningAttachment(Guid FileId, string FileName);

/// <summary>
/// A safety warning (预警) a bureau issues "by document" before a foreseeable risk (flood season, drowning season, an
/// epidemic). It goes to every school of the bureau's subtree, or to chosen safety districts and kinds of school: one
/// <see cref="WarningRecipient"/> per school, which confirms reading and replies with what it did by the deadline.
/// </summary>
public sealed class Warning : ITenantOwned, IAuditable
{
    public const int MaxAttachments = 5;
    public const int MaxReplyDays = 60;

    private Warning() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public WarningKind Kind { get; private set; }
    public WarningLevel Level { get; private set; }
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";
    public string RequiredActions { get; private set; } = "";
    public DateOnly ReplyBy { get; private set; }
    public bool Sms { get; private set; }

    /// <summary>Districts and kinds chosen (empty: the whole subtree), kept as issued.</summary>
    public List<Guid> TargetDistrictIds { get; private set; } = [];
    public List<SchoolKind> TargetKinds { get; private set; } = [];
    public DateTimeOffset IssuedAt { get; private set; }
    public string IssuedByUserId { get; private set; } = "";
    public string IssuedBy { get; private set; } = "";
    public List<WarningAttachment> Attachments { get; private set; } = [];

    public static Warning Issue(Bureau bureau, WarningDraft draft, WarningTarget target, EmergencyActor by, DateTimeOffset now, DateOnly today)
    {
        if (!by.IsBureau || by.BureauId != bureau.Id)
        {
            throw new DomainException("Emergency.BureauOnly");
        }

        if (!Enum.IsDefined(draft.Kind) || !Enum.IsDefined(draft.Level) || target.Kinds.Any(k => !Enum.IsDefined(k)))
        {
            throw new DomainException("Emergency.WarningInvalid");
        }

        if (draft.ReplyBy < today || draft.ReplyBy > today.AddDays(MaxReplyDays))
        {
            throw new DomainException("Emergency.ReplyByInvalid");
        }

        return new Warning
        {
            Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, Kind = draft.Kind, Level = draft.Level,
            Title = EmergencyRules.Required(draft.Title, 60), Text = EmergencyRules.Required(draft.Text, 4000),
            RequiredActions = EmergencyRules.Required(draft.RequiredActions, 2000), ReplyBy = draft.ReplyBy, Sms = draft.Sms,
            TargetDistrictIds = [.. target.DistrictIds.Distinct()], TargetKinds = [.. target.Kinds.Distinct()],
            IssuedAt = now, IssuedByUserId = by.UserId, IssuedBy = by.Name,
        };
    }

    public void Attach(StoredFile file)
    {
        if (Attachments.Count >= MaxAttachments)
        {
            throw new DomainException("Emergency.TooManyFiles");
        }

        if (file.ScopePath != ScopePath)
        {
            throw new DomainException("Emergency.WarningInvalid");
        }

        Attachments.Add(new WarningAttachment(file.Id, file.FileName));
    }

    /// <summary>Whether a school falls under the warning's target (its district and kind).</summary>
    public bool Targets(Guid? districtId, SchoolKind kind) =>
        (TargetDistrictIds.Count == 0 || (districtId is { } d && TargetDistrictIds.Contains(d))) && (TargetKinds.Count == 0 || TargetKinds.Contains(kind));
}

public sealed record WarningReplyPhoto(Guid FileId);

/// <summary>One school's copy of a warning: read (who, when), replied (what was done, photos), reminded once.</summary>
public sealed class WarningRecipient : ITenantOwned, IAuditable
{
    public const int MaxPhotos = 9;

    private WarningRecipient() { }

    public Guid Id { get; private set; }
    public Guid WarningId { get; private set; }
    public Guid SchoolId { get; private set; }

    /// <summary>The school's county bureau, through which a city's warning passes.</summary>
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DateTimeOffset? ReadAt { get; private set; }
    public string? ReadBy { get; private set; }
    public DateTimeOffset? RepliedAt { get; private set; }
    public string? RepliedBy { get; private set; }
    public string? ReplyText { get; private set; }
    public DateTimeOffset? RemindedAt { get; private set; }
    public uint Version { get; private set; }
    public List<WarningReplyPhoto> Photos { get; private set; } = [];

    public static WarningRecipient For(Warning warning, School school) =>
        new() { Id = Guid.CreateVersion7(), WarningId = warning.Id, SchoolId = school.Id, BureauId = school.BureauId, ScopePath = school.ScopePath };

    /// <summary>Confirms reading (确认已读). A second confirmation changes nothing: the first reader stays recorded.</summary>
    public bool ConfirmRead(EmergencyActor by, DateTimeOffset now)
    {
        RequireSchool(by);
        if (ReadAt is not null)
        {
            return false;
        }

        ReadAt = now;
        ReadBy = by.Name;
        return true;
    }

    /// <summary>Replies with what the school did (落实情况); a reply also counts as read. One reply per school.</summary>
    public void Reply(string text, IReadOnlyList<StoredFile> photos, EmergencyActor by, DateTimeOffset now)
    {
        if (!by.IsSchoolLead(SchoolId))
        {
            throw new DomainException("Emergency.NotAllowed");
        }

        if (RepliedAt is not null)
        {
            throw new DomainException("Emergency.AlreadyReplied");
        }

        if (photos.Count > MaxPhotos)
        {
            throw new DomainException("Emergency.TooManyFiles");
        }

        if (photos.Any(p => !p.ContentType.StartsWith("image/", StringComparison.Ordinal) || p.ScopePath != ScopePath))
        {
            throw new DomainException("Emergency.PhotoInvalid");
        }

        ReplyText = EmergencyRules.Required(text, 2000);
        ConfirmRead(by, now);
        RepliedAt = now;
        RepliedBy = by.Name;
        Photos.AddRange(photos.Select(p => new WarningReplyPhoto(p.Id)));
    }

    /// <summary>Marks the one reminder an unread school gets; false when it was read or reminded already.</summary>
    public bool MarkReminded(DateTimeOffset now)
    {
        if (ReadAt is not null || RemindedAt is not null)
        {
            return false;
        }

        RemindedAt = now;
        return true;
    }

    private void RequireSchool(EmergencyActor by)
    {
        if (by.SchoolId != SchoolId)
        {
            throw new DomainException("Emergency.NotAllowed");
        }
    }
}
