using Microsoft.AspNetCore.Identity;

namespace SafeCampus.Web.Domain;

/// <summary>An account. Every user has exactly one role and one scope: a bureau or a school.</summary>
public sealed class AppUser : IdentityUser, ITenantOwned, IAuditable
{
    public string FullName { get; set; } = "";
    public UserRole Role { get; set; }
    public Guid? BureauId { get; set; }
    public Guid? SchoolId { get; set; }
    public string ScopePath { get; set; } = "";

    /// <summary>Set while the password is a one-time password issued by an administrator.</summary>
    public bool MustChangePassword { get; set; }
    public DateTimeOffset? OneTimePasswordExpiresAt { get; set; }
    public bool IsDisabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static AppUser ForBureau(Bureau bureau, string userName, string fullName, UserRole role, DateTimeOffset now)
    {
        if (!role.IsBureauRole())
        {
            throw new DomainException("Users.RoleNeedsSchool");
        }

        return new AppUser
        {
            Id = Guid.CreateVersion7().ToString(), UserName = userName.Trim(), FullName = fullName.Trim(), Role = role,
            BureauId = bureau.Id, ScopePath = bureau.Path, CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString("N"),
        };
    }

    public static AppUser ForSchool(School school, string userName, string fullName, UserRole role, DateTimeOffset now)
    {
        if (role.IsBureauRole())
        {
            throw new DomainException("Users.RoleNeedsBureau");
        }

        return new AppUser
        {
            Id = Guid.CreateVersion7().ToString(), UserName = userName.Trim(), FullName = fullName.Trim(), Role = role,
            BureauId = school.BureauId, SchoolId = school.Id, ScopePath = school.ScopePath, CreatedAt = now,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
    }
}
