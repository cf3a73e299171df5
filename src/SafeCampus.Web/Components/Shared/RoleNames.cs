using System.Security.Claims;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Components.Shared;

/// <summary>Display names of roles, school kinds and levels in the current UI culture.</summary>
public static class RoleNames
{
    public static string Of(UserRole role) => SharedText.ResourceManager.GetString($"Role_{role}", SharedText.Culture) ?? role.ToString();

    public static string Of(ClaimsPrincipal user) =>
        Enum.TryParse<UserRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? Of(role) : "";

    public static string Of(SchoolKind kind) => SharedText.ResourceManager.GetString($"Kind_{kind}", SharedText.Culture) ?? kind.ToString();

    public static string Of(BureauLevel level) => SharedText.ResourceManager.GetString($"Level_{level}", SharedText.Culture) ?? level.ToString();
}

public static class ClaimNames
{
    public const string OrgName = "sc:org";
}
