namespace SafeCampus.Web.Domain;

/// <summary>The safety roles whose people must be trained (安全岗位培训, seed 000 and 002).</summary>
public enum SafetyRole
{
    /// <summary>校长 / 分管安全的副校长 (安全工作领导).</summary>
    Leader = 1,

    /// <summary>安全主任.</summary>
    Director = 2,

    /// <summary>保安员.</summary>
    Guard = 3,

    /// <summary>校车驾驶员.</summary>
    BusDriver = 4,

    /// <summary>校车照管员.</summary>
    BusEscort = 5,

    /// <summary>安全管理员, holding one of the bureau's <see cref="SafetyPost"/>s.</summary>
    Administrator = 6,
}

/// <summary>
/// A person in a school's safety post (安全岗位人员): someone the training rate counts. A post administrator holds one
/// <see cref="SafetyPost"/>; replacing the holder retires the row (IsActive false) so the new person's training is
/// their own. The phone number lets the person check in to a training through its link without an account.
/// </summary>
public sealed class SafetyPerson : ITenantOwned, IAuditable
{
    private SafetyPerson() { }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Name { get; private set; } = "";
    public SafetyRole Role { get; private set; }
    public Guid? PostId { get; private set; }
    public string? Phone { get; private set; }
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private set; }

    public static SafetyPerson Create(School school, SafetyRole role, SafetyPost? post, string name, string? phone, DateTimeOffset now)
    {
        if (!Enum.IsDefined(role) || (role == SafetyRole.Administrator) != (post is not null))
        {
            throw new DomainException("Education.RoleInvalid");
        }

        var person = new SafetyPerson { Id = Guid.CreateVersion7(), SchoolId = school.Id, ScopePath = school.ScopePath, Role = role, PostId = post?.Id, CreatedAt = now };
        person.Update(name, phone);
        return person;
    }

    public void Update(string name, string? phone)
    {
        Name = CheckedName(name);
        Phone = CheckedPhone(phone);
    }

    public void Retire() => IsActive = false;

    public static string CheckedName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > 30 ? throw new DomainException("Education.PersonNameInvalid") : name.Trim();

    /// <summary>Empty, or a mainland mobile number of 11 digits starting with 1.</summary>
    public static string? CheckedPhone(string? phone)
    {
        var p = (phone ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (p.Length == 0)
        {
            return null;
        }

        return p.Length == 11 && p[0] == '1' && p.All(char.IsAsciiDigit) ? p : throw new DomainException("Education.PhoneInvalid");
    }
}
