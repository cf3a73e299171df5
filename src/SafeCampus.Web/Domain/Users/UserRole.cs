namespace SafeCampus.Web.Domain;

public enum UserRole
{
    BureauAdmin = 1,
    BureauSafetyOfficer = 2,
    Principal = 3,
    SafetyDirector = 4,
    SchoolStaff = 5,
}

public static class UserRoleExtensions
{
    public static bool IsBureauRole(this UserRole role) => role is UserRole.BureauAdmin or UserRole.BureauSafetyOfficer;
}

/// <summary>Names used in [Authorize(Roles = ...)] and role claims.</summary>
public static class Roles
{
    public const string BureauAdmin = nameof(UserRole.BureauAdmin);
    public const string BureauSafetyOfficer = nameof(UserRole.BureauSafetyOfficer);
    public const string Principal = nameof(UserRole.Principal);
    public const string SafetyDirector = nameof(UserRole.SafetyDirector);
    public const string SchoolStaff = nameof(UserRole.SchoolStaff);
    public const string AnyBureau = BureauAdmin + "," + BureauSafetyOfficer;
    public const string AnySchool = Principal + "," + SafetyDirector + "," + SchoolStaff;
}
