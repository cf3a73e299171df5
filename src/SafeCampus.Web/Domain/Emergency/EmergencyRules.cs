namespace SafeCampus.Web.Domain;

/// <summary>Text rules shared by warnings, incidents and their replies.</summary>
public static class EmergencyRules
{
    public static string Required(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException("Emergency.TextRequired")
        : value.Trim().Length > max ? throw new DomainException("Emergency.TextTooLong")
        : value.Trim();

    public static string? Optional(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Length > max ? throw new DomainException("Emergency.TextTooLong") : value.Trim();
}
