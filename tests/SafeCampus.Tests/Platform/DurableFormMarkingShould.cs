using System.Text.RegularExpressions;
using SafeCampus.Tests.Browser;

namespace SafeCampus.Tests.Platform;

/// <summary>
/// Every school-side form that files something is sent by durable-forms.js (data-durable, or data-shrink-photos for
/// photo forms), so a weak signal never loses it and a resend never files twice. Checked on the pages' markup.
/// Not the pledge signing form: its drawn-signature pad is not enhanced again on a page the script renders after a
/// validation error (a follow-up).
/// </summary>
public sealed partial class DurableFormMarkingShould
{
    /// <summary>School-side pages and the forms on them that file something (by @formname).</summary>
    public static TheoryData<string, string> Filings => new()
    {
        { "Defences/SchoolReturn.razor", "@DefenceInput.FormName" },
        { "Defences/SchoolReturn.razor", "defence-confirm" },
        { "Drills/School/DrillEdit.razor", "drill-plan" },
        { "Drills/School/DrillDetailPage.razor", "file" },
        { "Drills/School/DrillDetailPage.razor", "photo" },
        { "Hazards/HazardNew.razor", "hazard-new" },
        { "Hazards/HazardDetail.razor", "plan" },
        { "Hazards/HazardDetail.razor", "evidence" },
        { "Hazards/HazardDetail.razor", "rectify" },
        { "Hazards/HazardDetail.razor", "sign-off" },
        { "Hazards/HazardDetail.razor", "escalate" },
        { "Hazards/SelfCheckPage.razor", "self-check" },
        { "Hazards/CampaignPage.razor", "campaign-check" },
        { "Hazards/CrossInspectionPage.razor", "cross-record" },
        { "Hazards/CrossInspectionPage.razor", "cross-finding" },
        { "Hazards/CrossInspectionPage.razor", "cross-close" },
        { "Pledges/SchoolCampaign.razor", "pledge-staff" },
        { "Pledges/SchoolCampaign.razor", "pledge-roster" },
        { "Emergency/IncidentNew.razor", "incident-new" },
        { "Emergency/IncidentDetail.razor", "follow-up" },
        { "Emergency/WarningDetail.razor", "confirm-read" },
        { "Emergency/WarningDetail.razor", "reply" },
        { "Emergency/ActivityNew.razor", "activity-new" },
        { "Emergency/ActivityDetail.razor", "activity-done" },
        { "Emergency/DutyNew.razor", "roster-new" },
        { "Emergency/DutyDetail.razor", "duty-log" },
    };

    [Theory]
    [MemberData(nameof(Filings))]
    public void MarkTheFilingFormDurable(string page, string formName)
    {
        var source = File.ReadAllText(Path.Combine(BrowserFixture.RepositoryRoot, "src", "SafeCampus.Web", "Features", page));
        var forms = FormRegex().Matches(source).Select(m => m.Value)
            .Where(f => f.Contains($"@formname=\"{formName}\"", StringComparison.Ordinal) && !f.Contains(" hidden", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(forms);
        Assert.All(forms, f => Assert.True(f.Contains(" data-durable", StringComparison.Ordinal) || f.Contains(" data-shrink-photos", StringComparison.Ordinal), f));
    }

    [GeneratedRegex("<form [^>]*>")]
    private static partial Regex FormRegex();
}
