using SafeCampus.Web.Domain;

namespace SafeCampus.Web.Features.Hazards;

/// <summary>Reads a posted <see cref="ChecklistFields"/> form: one answer per item, a note for each hazard, photos of hazards.</summary>
public static class ChecklistForm
{
    public static string? Posted(HttpContext? http, string key) =>
        http?.Request.HasFormContentType == true && HttpMethods.IsPost(http.Request.Method) ? http.Request.Form[key].FirstOrDefault() : null;

    /// <summary>The answers, and the message of each item that needs fixing (none when the form is complete).</summary>
    public static (List<SelfCheckInput> Inputs, Dictionary<int, string> Errors) Read(HttpContext http, ChecklistTemplate checklist)
    {
        var form = http.Request.Form;
        var inputs = new List<SelfCheckInput>();
        var errors = new Dictionary<int, string>();
        foreach (var item in checklist.Items.OrderBy(i => i.SortOrder))
        {
            var note = form[$"Note_{item.Id}"].FirstOrDefault();
            if (!Enum.TryParse<CheckResult>(form[$"Answer_{item.Id}"].FirstOrDefault(), out var result) || !Enum.IsDefined(result))
            {
                errors.TryAdd(item.Id, HazardsText.AnswerMissing);
                continue;
            }

            if (result == CheckResult.Hazard && string.IsNullOrWhiteSpace(note))
            {
                errors.TryAdd(item.Id, DomainText.Hazards_HazardNeedsNote);
            }
            else if (note?.Trim().Length > 500)
            {
                errors.TryAdd(item.Id, DomainText.Hazards_TextTooLong);
            }

            inputs.Add(new SelfCheckInput(item.Id, result, note, result == CheckResult.Hazard ? HazardForms.Photos(http, $"Photo_{item.Id}") : []));
        }

        return (inputs, errors);
    }
}
