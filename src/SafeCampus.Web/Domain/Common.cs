namespace SafeCampus.Web.Domain;

/// <summary>An entity that belongs to a place in the bureau tree. Visible to users whose scope path is a prefix.</summary>
public interface ITenantOwned
{
    string ScopePath { get; }
}

/// <summary>Inserts, updates and deletes of this entity are written to the audit log.</summary>
public interface IAuditable;

/// <summary>A rule of the domain was broken. The code is a resource key with a Chinese message.</summary>
public sealed class DomainException(string code, params object[] args) : Exception(code)
{
    public string Code { get; } = code;

    /// <summary>Values for the message's placeholders ({0}, {1} …), e.g. the names of the rows that broke the rule.</summary>
    public IReadOnlyList<object> Args { get; } = args;
}

public static class DomainExceptionExtensions
{
    /// <summary>The rule's message in the current UI culture (Domain/DomainText.resx, key = code with '.' → '_').</summary>
    public static string LocalizedMessage(this DomainException ex)
    {
        var text = DomainText.ResourceManager.GetString(ex.Code.Replace('.', '_'), DomainText.Culture) ?? ex.Code;
        return ex.Args.Count == 0 ? text : string.Format(System.Globalization.CultureInfo.CurrentCulture, text, [.. ex.Args]);
    }
}

/// <summary>The one rule for withdrawing something a bureau issued by mistake (pledge and hazard campaigns, ADR 19).</summary>
public static class Withdrawals
{
    public const int MaxReasonLength = 200;

    /// <summary>The trimmed reason; refuses a second withdrawal and an empty or over-long reason.</summary>
    public static string CheckedReason(bool alreadyWithdrawn, string? reason)
    {
        if (alreadyWithdrawn)
        {
            throw new DomainException("Campaigns.AlreadyWithdrawn");
        }

        var trimmed = reason?.Trim() ?? "";
        return trimmed.Length is 0 or > MaxReasonLength ? throw new DomainException("Campaigns.WithdrawReasonInvalid") : trimmed;
    }
}
