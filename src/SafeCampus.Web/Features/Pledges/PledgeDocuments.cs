using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Pdf;
using SafeCampus.Web.Tenancy;

using SafeCampus.Web.Infrastructure.Web;

namespace SafeCampus.Web.Features.Pledges;

/// <summary>
/// GET /pledges/school/{campaignId}/qr?class=…: a printable sheet of one class's receipt links, one card per student
/// with its QR code (SVG) and the link written out, for the class teacher to hand out. Principal and safety director.
/// </summary>
public static class PledgeDocuments
{
    public static WebApplication MapPledgeDocuments(this WebApplication app)
    {
        app.MapGet("/pledges/school/{campaignId:guid}/qr", async (Guid campaignId, string? @class, AppDbContext db, TenantScope scope, ReceiptTokens tokens,
                PledgeService pledges, HttpContext http) =>
            {
                if (scope.SchoolId is not { } schoolId || await pledges.FindCampaignAsync(campaignId, http.RequestAborted) is not { } campaign)
                {
                    return Results.NotFound();
                }

                var receipts = await db.NoticeReceipts.AsNoTracking()
                    .Where(r => r.CampaignId == campaignId && r.SchoolId == schoolId && (@class == null || r.ClassName == @class))
                    .OrderBy(r => r.ClassName).ThenBy(r => r.StudentName)
                    .Select(r => new { r.ClassName, r.StudentName, r.GuardianName, r.TokenProtected, r.AcknowledgedAt })
                    .ToListAsync(http.RequestAborted);
                var school = await db.Schools.Where(s => s.Id == schoolId).Select(s => s.Name).SingleAsync(http.RequestAborted);
                var origin = $"{http.Request.Scheme}://{http.Request.Host}";
                var e = PledgeText.Encoder;
                var sb = new StringBuilder();
                sb.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                    .Append("<title>").Append(e.Encode(campaign.Title)).Append("</title><style nonce=\"").Append(http.CspNonce()).Append("\">")
                    .Append("body{font:14px/1.4 system-ui,sans-serif;margin:1rem}h1{font-size:1.2rem}.sheet{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.5rem}")
                    .Append(".card{border:1px dashed #777;padding:.5rem;break-inside:avoid;text-align:center}.card svg{width:9rem;height:9rem}.url{font:11px monospace;word-break:break-all}")
                    .Append(".done{color:#00703c}@media print{.noprint{display:none}body{margin:0}@page{size:A4;margin:10mm}}")
                    .Append("</style></head><body><h1>").Append(e.Encode($"{school} · {campaign.Title}")).Append("</h1>")
                    .Append("<p class=\"noprint\">").Append(e.Encode(PledgesText.Qr_Hint)).Append("</p><div class=\"sheet\" data-testid=\"qr-sheet\">");
                using var generator = new QRCodeGenerator();
                foreach (var r in receipts)
                {
                    var url = $"{origin}/r/{tokens.Reveal(r.TokenProtected)}";
                    using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
                    var svg = new SvgQRCode(data).GetGraphic(4, "#000", "#fff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
                    sb.Append("<div class=\"card\"><div><strong>").Append(e.Encode(r.ClassName)).Append(' ').Append(e.Encode(r.StudentName)).Append("</strong>");
                    if (r.GuardianName is not null)
                    {
                        sb.Append(e.Encode(string.Format(CultureInfo.CurrentCulture, PledgesText.Qr_Guardian, r.GuardianName)));
                    }

                    sb.Append("</div>").Append(svg).Append("<div class=\"url\">").Append(e.Encode(url)).Append("</div>");
                    if (r.AcknowledgedAt is not null)
                    {
                        sb.Append("<div class=\"done\">").Append(e.Encode(PledgesText.State_Acknowledged)).Append("</div>");
                    }

                    sb.Append("</div>");
                }

                sb.Append("</div></body></html>");
                http.Response.Headers["Referrer-Policy"] = "no-referrer"; // the sheet holds every receipt link
                return Results.Content(sb.ToString(), "text/html; charset=utf-8", Encoding.UTF8);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Principal, Roles.SafetyDirector));

        // The signed pledge as a PDF, for anyone who can see the signature (the signer, the school, the bureaus above).
        app.MapGet("/pledges/signatures/{id:guid}/pdf", async (Guid id, AppDbContext db, PdfReports pdf, TimeProvider clock, HttpContext http) =>
        {
            var s = await db.PledgeSignatures.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && x.SignedAt != null, http.RequestAborted);
            if (s is null)
            {
                return Results.NotFound();
            }

            var version = await db.PledgeTemplateVersions.AcrossTenants().AsNoTracking().SingleAsync(v => v.Id == s.VersionId, http.RequestAborted);
            var title = s.SignedText!.Split("\n\n", 2)[0];
            var code = PledgeVerification.Format(s.VerificationCode!);
            var parameters = new Dictionary<string, object?>
            {
                [nameof(SignedPledgeReport.Title)] = title,
                [nameof(SignedPledgeReport.Text)] = s.SignedText!.Split("\n\n", 2) is [_, var body] ? body : s.SignedText,
                [nameof(SignedPledgeReport.SignerName)] = s.SignerName,
                [nameof(SignedPledgeReport.SignerRole)] = s.SignerRole,
                [nameof(SignedPledgeReport.SchoolName)] = s.SchoolName,
                [nameof(SignedPledgeReport.SignedAt)] = China.Format(s.SignedAt),
                [nameof(SignedPledgeReport.VersionNumber)] = version.Number,
                [nameof(SignedPledgeReport.Ip)] = s.Ip,
                [nameof(SignedPledgeReport.Sha256)] = s.TextSha256,
                [nameof(SignedPledgeReport.Code)] = code,
                [nameof(SignedPledgeReport.VerifyUrl)] = $"{http.Request.Scheme}://{http.Request.Host}/pledges/verify?code={s.VerificationCode}",
                [nameof(SignedPledgeReport.Drawing)] = s.Drawing,
                [nameof(SignedPledgeReport.GeneratedAt)] = clock.GetUtcNow().ToChina().DateTime,
            };
            try
            {
                var bytes = await pdf.RenderAsync<SignedPledgeReport>(parameters, new PdfOptions(title), http.RequestAborted);
                return Results.File(bytes, "application/pdf", $"{title}-{s.SignerName}.pdf");
            }
            catch (PdfUnavailableException ex)
            {
                return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
