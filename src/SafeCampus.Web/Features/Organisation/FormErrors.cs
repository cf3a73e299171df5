using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Organisation;

/// <summary>Validation messages of one form post: one per field (shown next to it) plus all of them for the summary.</summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _all = [];

    public IReadOnlyList<string> All => _all;

    public bool Any => _all.Count > 0;

    /// <summary>Adds a message for a field; a field keeps its first message only.</summary>
    public void Add(string field, string message)
    {
        if (_fields.TryAdd(field, message))
        {
            _all.Add(message);
        }
    }

    /// <summary>Adds a message that belongs to no single field.</summary>
    public void Add(string message) => _all.Add(message);

    public string? For(string field) => _fields.GetValueOrDefault(field);

    /// <summary>"field" or "field invalid", for the field's wrapper element.</summary>
    public string Css(string field) => _fields.ContainsKey(field) ? "field invalid" : "field";

    /// <summary>
    /// Reads a required count (0..max). Accepts full-width digits and thousands separators, as typed on Chinese
    /// keyboards; anything else gets the field's message.
    /// </summary>
    public int? Count(string field, string label, string? raw, int max)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            Add(field, string.Format(CultureInfo.CurrentCulture, OrganisationText.FieldRequired, label));
            return null;
        }

        var text = raw.Normalize(NormalizationForm.FormKC).Trim();
        if (int.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= max)
        {
            return value;
        }

        Add(field, string.Format(CultureInfo.CurrentCulture, OrganisationText.CountOutOfRange, label, max));
        return null;
    }

    /// <summary>Reads a required text of at most <paramref name="maxLength"/> characters (trimmed).</summary>
    public string? Text(string field, string label, string? raw, int maxLength, bool required = true)
    {
        var text = raw?.Trim() ?? "";
        if (text.Length == 0)
        {
            if (required)
            {
                Add(field, string.Format(CultureInfo.CurrentCulture, OrganisationText.FieldRequired, label));
            }

            return required ? null : "";
        }

        if (text.Length > maxLength)
        {
            Add(field, string.Format(CultureInfo.CurrentCulture, OrganisationText.FieldTooLong, label, maxLength));
            return null;
        }

        return text;
    }
}

public enum Outcome
{
    Ok,
    Invalid,
    NotFound,
    Forbidden,
}

/// <summary>The result of a form's command: saved (with the record's id), invalid (with messages), not found or not allowed.</summary>
public sealed record SaveResult(Outcome Outcome, FormErrors Errors, Guid? Id = null)
{
    public bool Succeeded => Outcome == Outcome.Ok;

    public static SaveResult Ok(Guid id) => new(Outcome.Ok, new FormErrors(), id);

    public static SaveResult Invalid(FormErrors errors) => new(Outcome.Invalid, errors);

    public static SaveResult Invalid(string message)
    {
        var errors = new FormErrors();
        errors.Add(message);
        return new(Outcome.Invalid, errors);
    }

    public static SaveResult NotFound() => new(Outcome.NotFound, new FormErrors());

    public static SaveResult Forbidden() => new(Outcome.Forbidden, new FormErrors());
}

/// <summary>One page of a list, with the total count of rows that match the filter.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public static class Paging
{
    /// <summary>The page to show: at least 1, at most the last page.</summary>
    public static int Clamp(int requested, int total, int pageSize) =>
        Math.Clamp(requested, 1, Math.Max(1, (total + pageSize - 1) / pageSize));

    public static int ParsePage(string? raw) => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;

    public static Guid? ParseGuid(string? raw) => Guid.TryParse(raw, out var g) ? g : null;
}

/// <summary>One save of an organisation form, with the two failures every such save can meet turned into messages.</summary>
public static class OrgSave
{
    /// <summary>
    /// Runs <paramref name="apply"/> (which changes entities and returns the saved id) and saves. A domain rule
    /// violation or a unique-index clash (someone created the same name meanwhile) becomes an error message, and the
    /// change tracker is cleared so nothing half-applied is saved later.
    /// </summary>
    public static async Task<SaveResult> RunAsync(AppDbContext db, Func<Guid> apply, Func<string> duplicateMessage, CancellationToken ct)
    {
        try
        {
            var id = apply();
            await db.SaveChangesAsync(ct);
            return SaveResult.Ok(id);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return SaveResult.Invalid(ex.LocalizedMessage());
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return SaveResult.Invalid(duplicateMessage());
        }
    }
}
