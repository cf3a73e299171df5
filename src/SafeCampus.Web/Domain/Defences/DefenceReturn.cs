using System.Globalization;

namespace SafeCampus.Web.Domain;

public enum DefenceReturnState
{
    Draft = 1,
    Submitted = 2,
    Confirmed = 3,
    Accepted = 4,
    Returned = 5,
}

/// <summary>
/// A school's monthly 三防 return (三防月报): drafted and submitted by the safety director, confirmed by the principal,
/// accepted or returned by the bureau. Locked when the bureau closes the month; a bureau may reopen it with a reason.
/// </summary>
public sealed class DefenceReturn : ITenantOwned, IAuditable
{
    private DefenceReturn() { }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";

    /// <summary>First day of the month reported on.</summary>
    public DateOnly Month { get; private set; }
    public DefenceReturnState State { get; private set; }
    public List<DefenceValue> Values { get; private set; } = [];

    /// <summary>The school's size and boarding when last saved: the checks and the statistics keep what they were.</summary>
    public int StudentsAndStaff { get; private set; }
    public bool IsBoarding { get; private set; }

    /// <summary>Checks against the standards that the values fail, as of the last save.</summary>
    public DefenceCheck FailedChecks { get; private set; }

    /// <summary>First submitted after the end of the due day.</summary>
    public bool IsLate { get; private set; }
    public bool IsLocked { get; private set; }
    public DateOnly DueDate { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? UpdatedBy { get; private set; }
    public DateTimeOffset? FirstSubmittedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public string? ConfirmedBy { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewedBy { get; private set; }
    public string? ReviewComment { get; private set; }
    public string? ReopenReason { get; private set; }
    public uint Version { get; private set; }

    /// <summary>Submitted, confirmed or accepted: counted in the statistics.</summary>
    public static readonly DefenceReturnState[] Reported = [DefenceReturnState.Submitted, DefenceReturnState.Confirmed, DefenceReturnState.Accepted];

    public bool IsEditable => !IsLocked && State is DefenceReturnState.Draft or DefenceReturnState.Returned;

    /// <summary>A new draft, prefilled with the previous month's values when there are any, else zeros.</summary>
    public static DefenceReturn Start(School school, DateOnly month, DefenceStandard standard, IReadOnlyDictionary<string, decimal>? previous, string? by, DateTimeOffset now) =>
        Start(DefenceSchool.Of(school), month, standard, previous, by, now);

    /// <inheritdoc cref="Start(School, DateOnly, DefenceStandard, IReadOnlyDictionary{string, decimal}?, string?, DateTimeOffset)"/>
    public static DefenceReturn Start(DefenceSchool school, DateOnly month, DefenceStandard standard, IReadOnlyDictionary<string, decimal>? previous, string? by, DateTimeOffset now)
    {
        var r = new DefenceReturn
        {
            Id = Guid.CreateVersion7(), SchoolId = school.Id, ScopePath = school.ScopePath, Month = FirstOfMonth(month),
            State = DefenceReturnState.Draft, CreatedAt = now, UpdatedAt = now, UpdatedBy = by,
        };
        r.DueDate = standard.DueDate(r.Month);
        var start = DefenceFields.All.ToDictionary(f => f.Key, f => previous?.GetValueOrDefault(f.Key) ?? 0m, StringComparer.Ordinal);
        r.Values = start.Select(kv => new DefenceValue(kv.Key, kv.Value)).ToList();
        r.Snapshot(school, standard);
        return r;
    }

    public static DateOnly FirstOfMonth(DateOnly d) => new(d.Year, d.Month, 1);

    public IReadOnlyDictionary<string, decimal> ValueMap() => Values.ToDictionary(v => v.Field, v => v.Value, StringComparer.Ordinal);

    /// <summary>Saves the values of a draft (or a returned return). Throws the first rule broken; nothing changes then.</summary>
    public void Save(IReadOnlyDictionary<string, decimal> values, School school, DefenceStandard standard, string? by, DateTimeOffset now) =>
        Save(values, DefenceSchool.Of(school), standard, by, now);

    /// <inheritdoc cref="Save(IReadOnlyDictionary{string, decimal}, School, DefenceStandard, string?, DateTimeOffset)"/>
    public void Save(IReadOnlyDictionary<string, decimal> values, DefenceSchool school, DefenceStandard standard, string? by, DateTimeOffset now)
    {
        EnsureEditable();
        var errors = DefenceFields.Validate(values, school.StudentsAndStaff);
        if (errors.Count > 0)
        {
            throw new DomainException(errors[0].Code);
        }

        foreach (var f in DefenceFields.All)
        {
            var existing = Values.FirstOrDefault(v => v.Field == f.Key);
            if (existing is null)
            {
                Values.Add(new DefenceValue(f.Key, values[f.Key]));
            }
            else
            {
                existing.Set(values[f.Key]);
            }
        }

        Values.RemoveAll(v => !DefenceFields.ByKey.ContainsKey(v.Field));
        UpdatedAt = now;
        UpdatedBy = by;
        Snapshot(school, standard);
    }

    private void Snapshot(DefenceSchool school, DefenceStandard standard)
    {
        StudentsAndStaff = school.StudentsAndStaff;
        IsBoarding = school.IsBoarding;
        FailedChecks = standard.Evaluate(ValueMap(), StudentsAndStaff, IsBoarding);
    }

    /// <summary>The safety director submits to the principal. Late when first submitted after the due day (China time).</summary>
    public void Submit(string by, DateTimeOffset now)
    {
        if (State is DefenceReturnState.Submitted or DefenceReturnState.Confirmed or DefenceReturnState.Accepted)
        {
            throw new DomainException("Defences.AlreadySubmitted");
        }

        EnsureEditable();
        State = DefenceReturnState.Submitted;
        SubmittedAt = now;
        SubmittedBy = by;
        if (FirstSubmittedAt is null)
        {
            FirstSubmittedAt = now;
            IsLate = IsAfterDeadline(now);
        }
    }

    public bool IsAfterDeadline(DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ChinaTime).DateTime) > DueDate;

    private static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The principal confirms the submitted return; it goes to the bureau.</summary>
    public void Confirm(string by, DateTimeOffset now)
    {
        EnsureNotLocked();
        if (State != DefenceReturnState.Submitted)
        {
            throw new DomainException(State is DefenceReturnState.Confirmed or DefenceReturnState.Accepted ? "Defences.AlreadyConfirmed" : "Defences.NotSubmitted");
        }

        State = DefenceReturnState.Confirmed;
        ConfirmedAt = now;
        ConfirmedBy = by;
    }

    public void Accept(string by, DateTimeOffset now)
    {
        EnsureNotLocked();
        if (State != DefenceReturnState.Confirmed)
        {
            throw new DomainException("Defences.NotConfirmed");
        }

        State = DefenceReturnState.Accepted;
        ReviewedAt = now;
        ReviewedBy = by;
        ReviewComment = null;
    }

    /// <summary>The bureau (or the principal, before confirming) sends the return back with a comment.</summary>
    public void Return(string by, string comment, DateTimeOffset now)
    {
        EnsureNotLocked();
        if (State is not (DefenceReturnState.Submitted or DefenceReturnState.Confirmed))
        {
            throw new DomainException("Defences.NotSubmitted");
        }

        if (string.IsNullOrWhiteSpace(comment) || comment.Trim().Length > 1000)
        {
            throw new DomainException("Defences.ReturnNeedsComment");
        }

        State = DefenceReturnState.Returned;
        ReviewedAt = now;
        ReviewedBy = by;
        ReviewComment = comment.Trim();
    }

    /// <summary>The bureau closed the month.</summary>
    public void Lock() => IsLocked = true;

    /// <summary>A bureau reopens one locked return so the school can correct it; the reason is kept and audited.</summary>
    public void Reopen(string by, string reason, DateTimeOffset now)
    {
        if (!IsLocked)
        {
            throw new DomainException("Defences.NotLocked");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000)
        {
            throw new DomainException("Defences.ReopenNeedsReason");
        }

        IsLocked = false;
        ReopenReason = reason.Trim();
        ReviewComment = reason.Trim();
        ReviewedAt = now;
        ReviewedBy = by;
        if (State != DefenceReturnState.Draft)
        {
            State = DefenceReturnState.Returned;
        }
    }

    private void EnsureNotLocked()
    {
        if (IsLocked)
        {
            throw new DomainException("Defences.Locked");
        }
    }

    private void EnsureEditable()
    {
        EnsureNotLocked();
        if (!IsEditable)
        {
            throw new DomainException("Defences.NotEditable");
        }
    }

    public static string MonthKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>What a return needs to know of its school: where it sits in the tree, its size and whether it boards.</summary>
public sealed record DefenceSchool(Guid Id, string ScopePath, int StudentsAndStaff, bool IsBoarding)
{
    public static DefenceSchool Of(School school) => new(school.Id, school.ScopePath, school.Students + school.Staff, school.IsBoarding);
}

/// <summary>One field's value in a return (counts and yes/no as whole numbers, measurements with two decimals).</summary>
public sealed class DefenceValue(string field, decimal value)
{
    public string Field { get; private set; } = field;
    public decimal Value { get; private set; } = value;

    internal void Set(decimal value) => Value = value;
}
