using System.Globalization;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Organisation;

namespace SafeCampus.Web.Features.Emergency;

/// <summary>Reads the incident form into facts, with each field's Chinese message; null when anything is wrong.</summary>
public static class IncidentForm
{
    public static IncidentFacts? Read(FormErrors errors, string? kindRaw, string? levelRaw, string? occurredRaw, string? knownRaw, string? placeRaw, string? summaryRaw,
        string? injuredRaw, string? deadRaw, string? measuresRaw, string? reporterRaw, string? phoneRaw, DateTimeOffset now)
    {
        var c = CultureInfo.CurrentCulture;
        IncidentKind? kind = Enum.TryParse<IncidentKind>(kindRaw, out var k) && Enum.IsDefined(k) ? k : null;
        if (kind is null)
        {
            errors.Add("Kind", string.Format(c, EmergencyText.FieldChoose, EmergencyText.IncidentKind));
        }

        var level = Enum.TryParse<IncidentLevel>(levelRaw, out var l) && Enum.IsDefined(l) ? l : IncidentLevel.General;
        var occurred = Time(errors, "OccurredAt", EmergencyText.OccurredAt, occurredRaw);
        var known = Time(errors, "KnownAt", EmergencyText.KnownAt, knownRaw);
        if (occurred is { } o && o > now)
        {
            errors.Add("OccurredAt", EmergencyText.Error_TimeInFuture);
        }

        if (known is { } kn && kn > now)
        {
            errors.Add("KnownAt", EmergencyText.Error_TimeInFuture);
        }
        else if (known is { } kn2 && occurred is { } o2 && kn2 < o2)
        {
            errors.Add("KnownAt", EmergencyText.Error_KnownBeforeOccurred);
        }

        if (occurred is { } o3 && o3 < now.AddYears(-1))
        {
            errors.Add("OccurredAt", EmergencyText.Error_TimeTooOld);
        }

        var place = errors.Text("Place", EmergencyText.Place, placeRaw, 100);
        var summary = errors.Text("Summary", EmergencyText.Summary, summaryRaw, 2000);
        var injured = errors.Count("Injured", EmergencyText.Injured, injuredRaw, Incident.MaxPeople);
        var dead = errors.Count("Dead", EmergencyText.Dead, deadRaw, Incident.MaxPeople);
        var measures = errors.Text("Measures", EmergencyText.Measures, measuresRaw, 2000);
        var reporter = errors.Text("Reporter", EmergencyText.Reporter, reporterRaw, 50);
        var phone = errors.Text("Phone", EmergencyText.ReporterPhone, phoneRaw, 30, required: false);
        return errors.Any ? null
            : new IncidentFacts(kind!.Value, level, occurred!.Value, known!.Value, place!, summary!, injured!.Value, dead!.Value, measures!, reporter!,
                string.IsNullOrEmpty(phone) ? null : phone);
    }

    public static DateTimeOffset? Time(FormErrors errors, string field, string label, string? raw)
    {
        var t = EmergencyLabels.ParseLocal(raw);
        if (t is null)
        {
            errors.Add(field, string.Format(CultureInfo.CurrentCulture, EmergencyText.TimeInvalid, label));
        }

        return t;
    }
}
