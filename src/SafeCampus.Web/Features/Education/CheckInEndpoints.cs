using System.Globalization;
using System.Text;
using QRCoder;
using SafeCampus.Web.Features.Pledges;
using static SafeCampus.Web.Features.Pledges.ReceiptEndpoints;

namespace SafeCampus.Web.Features.Education;

/// <summary>The check-in link's QR code as inline SVG (no script, no style attribute).</summary>
public static class CheckInQr
{
    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000", "#fff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}

/// <summary>
/// The self-check-in page of a training (GET/POST /t/{token}), like the parents' receipt: no login, no script, a few
/// kilobytes, rate-limited with the receipts' policy. The person types name and mobile number; a match among the
/// session's audience below its organiser is checked in once. A second check-in says so and changes nothing; a closed
/// or expired session answers 410; an unknown or malformed token 404, the same page either way.
/// </summary>
public static class CheckInEndpoints
{
    public static WebApplication MapCheckIn(this WebApplication app)
    {
        var group = app.MapGroup("/t").AllowAnonymous().RequireRateLimiting(ReceiptEndpoints.RateLimitPolicy);
        group.MapGet("/{token}", async (string token, TrainingService trainings, HttpContext http) =>
            await trainings.CheckInViewAsync(token, http.RequestAborted) is { } view
                ? view.Open ? Form(view, [], "", "") : Closed()
                : NotFound());

        group.MapPost("/{token}", async (string token, TrainingService trainings, HttpContext http) =>
        {
            if (!http.Request.HasFormContentType || await trainings.CheckInViewAsync(token, http.RequestAborted) is not { } view)
            {
                return NotFound();
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var name = form["name"].ToString().Trim();
            var phone = form["phone"].ToString().Trim().Replace(" ", "", StringComparison.Ordinal);
            var errors = new List<string>();
            if (name.Length is 0 or > 30)
            {
                errors.Add(EducationText.CheckInNameRequired);
            }

            if (phone.Length != 11 || !phone.All(char.IsAsciiDigit))
            {
                errors.Add(EducationText.CheckInPhoneRequired);
            }

            if (errors.Count > 0)
            {
                return view.Open ? Form(view, errors, name, phone, StatusCodes.Status400BadRequest) : Closed();
            }

            return await trainings.CheckInAsync(token, name, phone, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted) switch
            {
                CheckInOutcome.CheckedIn => Page(StatusCodes.Status200OK, EducationText.CheckInDoneTitle, Message(string.Format(CultureInfo.CurrentCulture, EducationText.CheckInDone, name, view.Topic), "ok"), "done"),
                CheckInOutcome.AlreadyCheckedIn => Page(StatusCodes.Status200OK, EducationText.CheckInDoneTitle, Message(EducationText.CheckInAlready, "ok"), "already"),
                CheckInOutcome.Closed => Closed(),
                CheckInOutcome.PersonNotFound => Form(view, [EducationText.CheckInPersonNotFound], name, phone, StatusCodes.Status400BadRequest),
                _ => NotFound(),
            };
        });
        return app;
    }

    private static IResult NotFound() => Page(StatusCodes.Status404NotFound, EducationText.CheckInNotFoundTitle, Message(EducationText.CheckInNotFound));

    private static IResult Closed() => Page(StatusCodes.Status410Gone, EducationText.CheckInClosedTitle, Message(Domain.DomainText.Education_CheckInClosed));

    private static IResult Form(CheckInView view, List<string> errors, string name, string phone, int status = StatusCodes.Status200OK)
    {
        var e = PledgeText.Encoder;
        var sb = new StringBuilder(4096);
        sb.Append("<p class=\"meta\">").Append(e.Encode(view.OrganiserName)).Append(" · ").Append(e.Encode(EducationWords.Date(view.Date))).Append("</p>");
        if (errors.Count > 0)
        {
            sb.Append("<div class=\"err\" role=\"alert\"><ul>");
            foreach (var error in errors)
            {
                sb.Append("<li>").Append(e.Encode(error)).Append("</li>");
            }

            sb.Append("</ul></div>");
        }

        sb.Append("<form method=\"post\"><p>").Append(e.Encode(EducationText.CheckInLead)).Append("</p>")
            .Append("<label for=\"n\">").Append(e.Encode(EducationText.PersonName)).Append("</label>")
            .Append("<input id=\"n\" name=\"name\" maxlength=\"30\" required autocomplete=\"name\" value=\"").Append(e.Encode(name)).Append("\">")
            .Append("<label for=\"p\">").Append(e.Encode(EducationText.Phone)).Append("</label>")
            .Append("<input id=\"p\" name=\"phone\" maxlength=\"13\" required inputmode=\"tel\" autocomplete=\"tel\" value=\"").Append(e.Encode(phone)).Append("\">")
            .Append("<button type=\"submit\">").Append(e.Encode(EducationText.CheckInButton)).Append("</button></form>");
        return Page(status, view.Topic, sb.ToString());
    }
}
