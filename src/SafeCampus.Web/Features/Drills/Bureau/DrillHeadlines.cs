using System.Globalization;
using SafeCampus.Web.Features.Home;
using SafeCampus.Web.Infrastructure;

namespace SafeCampus.Web.Features.Drills.Bureau;

/// <summary>
/// Drill figures for the bureau overview: schools whose requirements of the current month are completed out of the
/// schools with a requirement this month (the matrix's current-month column), and filings waiting for review.
/// </summary>
public sealed class DrillHeadlines(DrillComplianceReport report, TimeProvider clock) : IHeadlineProvider
{
    public int Order => 30;

    public async Task<IReadOnlyList<Headline>> GetAsync(CancellationToken ct)
    {
        var matrix = await report.BuildAsync(new MatrixQuery(clock.Today().Year), ct);
        var f = matrix.Figures;
        var c = CultureInfo.CurrentCulture;
        var rate = f.Applicable > 0 ? DrillLabels.Rate((decimal)f.Compliant / f.Applicable) : "—";
        return
        [
            new(DrillsBureauText.HeadlineCompliance, $"{f.Compliant.ToString("N0", c)}/{f.Applicable.ToString("N0", c)}", "/drills/compliance",
                string.Format(c, DrillsBureauText.HeadlineComplianceDetail, f.Month, rate),
                f.Applicable > 0 && f.Compliant == f.Applicable ? "green" : "amber"),
            new(DrillsBureauText.HeadlineReview, f.AwaitingReview.ToString("N0", c), "/drills/review", null, f.AwaitingReview > 0 ? "amber" : "green"),
        ];
    }
}
