using System.Globalization;
using System.Text;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure.Web;

namespace SafeCampus.Web.Features.Pledges;

/// <summary>
/// The parent's page (GET/POST /r/{token}): no login, no script, no layout, a few kilobytes. It shows the notice, the
/// school and class and the student's given name only, and asks for the guardian's name and relationship. A valid
/// submission acknowledges once; resubmitting shows the same confirmation and changes nothing. Expired and unknown
/// links say so in Chinese. Rate-limited per IP and per token (see <see cref="PledgesSetup"/>).
/// </summary>
public static class ReceiptEndpoints
{
    public const string RateLimitPolicy = "receipts";
    public const string DeviceCookie = "scd";

    public static readonly IReadOnlyList<string> Relationships = ["父亲", "母亲", "祖父", "祖母", "外祖父", "外祖母", "其他监护人"];

    /// <summary>Faster than this from opening to submitting is flagged (reading the notice takes longer).</summary>
    public static readonly TimeSpan MinReadingTime = TimeSpan.FromSeconds(5);

    public static WebApplication MapReceipts(this WebApplication app)
    {
        var group = app.MapGroup("/r").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        group.MapGet("/{token}", async (string token, ReceiptStore store, ReceiptTokens tokens, TimeProvider clock, HttpContext http) =>
        {
            if (!ReceiptTokens.IsWellFormed(token) || await store.FindAsync(token, http.RequestAborted) is not { } view)
            {
                return Page(StatusCodes.Status404NotFound, PledgesText.Receipt_NotFoundTitle, Message(PledgesText.Receipt_NotFound));
            }

            EnsureDevice(http);
            return Show(view, token, tokens, clock, [], null, null);
        });

        group.MapPost("/{token}", async (string token, ReceiptStore store, ReceiptTokens tokens, TimeProvider clock, HttpContext http) =>
        {
            if (!ReceiptTokens.IsWellFormed(token) || !http.Request.HasFormContentType)
            {
                return Page(StatusCodes.Status404NotFound, PledgesText.Receipt_NotFoundTitle, Message(PledgesText.Receipt_NotFound));
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var name = form["name"].ToString().Trim();
            var relationship = form["relationship"].ToString().Trim();
            var errors = new List<string>();
            if (name.Length is 0 or > 30)
            {
                errors.Add(PledgesText.Receipt_NameRequired);
            }

            if (!Relationships.Contains(relationship))
            {
                errors.Add(PledgesText.Receipt_RelationshipRequired);
            }

            if (errors.Count > 0)
            {
                return await store.FindAsync(token, http.RequestAborted) is { } again
                    ? Show(again, token, tokens, clock, errors, name, relationship, StatusCodes.Status400BadRequest)
                    : Page(StatusCodes.Status404NotFound, PledgesText.Receipt_NotFoundTitle, Message(PledgesText.Receipt_NotFound));
            }

            var opened = tokens.OpenedAt(token, form["t"]);
            var tooFast = opened is not { } o || clock.GetUtcNow() - o < MinReadingTime;
            var device = http.Request.Cookies[DeviceCookie] is { Length: 32 } d && d.All(char.IsAsciiHexDigitLower) ? d : null;
            var ua = http.Request.Headers.UserAgent.ToString();
            var ack = new Acknowledgement(name, relationship, http.Connection.RemoteIpAddress?.ToString(), device, ua.Length > 300 ? ua[..300] : ua, tooFast);
            return await store.AcknowledgeAsync(token, ack, http.RequestAborted) switch
            {
                AckOutcome.Acknowledged or AckOutcome.AlreadyAcknowledged =>
                    Page(StatusCodes.Status200OK, PledgesText.Receipt_DoneTitle, Message(PledgesText.Receipt_Done, "ok"), "done"),
                AckOutcome.Expired => Page(StatusCodes.Status410Gone, PledgesText.Receipt_ExpiredTitle, Message(PledgesText.Receipt_Expired)),
                _ => Page(StatusCodes.Status404NotFound, PledgesText.Receipt_NotFoundTitle, Message(PledgesText.Receipt_NotFound)),
            };
        });
        return app;
    }

    private static void EnsureDevice(HttpContext http)
    {
        if (http.Request.Cookies[DeviceCookie] is { Length: 32 })
        {
            return;
        }

        http.Response.Cookies.Append(DeviceCookie, Guid.NewGuid().ToString("N"), new CookieOptions
        {
            Path = "/r", HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(400), IsEssential = true, Secure = http.Request.IsHttps,
        });
    }

    private static IResult Show(ReceiptView view, string token, ReceiptTokens tokens, TimeProvider clock, List<string> errors, string? name, string? relationship,
        int status = StatusCodes.Status200OK)
    {
        var now = clock.GetUtcNow();
        if (view.AcknowledgedAt is not null)
        {
            return Page(StatusCodes.Status200OK, PledgesText.Receipt_DoneTitle, Message(PledgesText.Receipt_AlreadyDone, "ok"), "done");
        }

        if (view.ExpiresAt <= now)
        {
            return Page(StatusCodes.Status410Gone, PledgesText.Receipt_ExpiredTitle, Message(PledgesText.Receipt_Expired));
        }

        var e = PledgeText.Encoder;
        var context = new PledgeContext(view.BureauName, view.SchoolName, view.SchoolYear, view.Deadline, ClassName: view.ClassName,
            StudentGivenName: NoticeReceipt.GivenName(view.StudentName));
        var title = PledgeText.Render(view.Title, context);
        var sb = new StringBuilder(8192);
        sb.Append("<p class=\"meta\">").Append(e.Encode(view.SchoolName)).Append(" · ").Append(e.Encode(view.ClassName)).Append(" · ")
            .Append(e.Encode(string.Format(CultureInfo.CurrentCulture, PledgesText.Receipt_Student, NoticeReceipt.GivenName(view.StudentName)))).Append("</p>");
        if (errors.Count > 0)
        {
            sb.Append("<div class=\"err\" role=\"alert\"><ul>");
            foreach (var error in errors)
            {
                sb.Append("<li>").Append(e.Encode(error)).Append("</li>");
            }

            sb.Append("</ul></div>");
        }

        sb.Append("<article>").Append(PledgeText.ToHtml(PledgeText.Render(view.Body, context))).Append("</article>");
        sb.Append("<form method=\"post\"><h2>").Append(e.Encode(PledgesText.Receipt_FormTitle)).Append("</h2>")
            .Append("<input type=\"hidden\" name=\"t\" value=\"").Append(e.Encode(tokens.Stamp(token, now))).Append("\">")
            .Append("<label for=\"n\">").Append(e.Encode(PledgesText.Receipt_Name)).Append("</label>")
            .Append("<input id=\"n\" name=\"name\" maxlength=\"30\" required autocomplete=\"name\" value=\"").Append(e.Encode(name ?? "")).Append("\">")
            .Append("<label for=\"rel\">").Append(e.Encode(PledgesText.Receipt_Relationship)).Append("</label><select id=\"rel\" name=\"relationship\" required>")
            .Append("<option value=\"\">").Append(e.Encode(PledgesText.Receipt_Choose)).Append("</option>");
        foreach (var r in Relationships)
        {
            sb.Append("<option").Append(r == relationship ? " selected" : "").Append('>').Append(e.Encode(r)).Append("</option>");
        }

        sb.Append("</select><button type=\"submit\">").Append(e.Encode(PledgesText.Receipt_Submit)).Append("</button>")
            .Append("<p class=\"meta\">").Append(e.Encode(string.Format(CultureInfo.CurrentCulture, PledgesText.Receipt_Until,
                view.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))).Append("</p></form>");
        return Page(status, title, sb.ToString());
    }

    /// <summary>A message box of the token pages (parents' receipts, training check-in).</summary>
    internal static string Message(string text, string tone = "warn") =>
        $"<p class=\"msg {tone}\">{PledgeText.Encoder.Encode(text)}</p>";

    private const string Style =
        "body{font:16px/1.7 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem;color:#1b1b1b}" +
        "h1{font-size:1.3rem;line-height:1.4}h2,h3{font-size:1.1rem}.meta{color:#555;font-size:.9rem}" +
        "article{border-top:1px solid #ccc;border-bottom:1px solid #ccc;margin:1rem 0}" +
        "label{display:block;font-weight:600;margin-top:.8rem}input,select{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:2px solid #555}" +
        "button{font:inherit;font-weight:600;margin-top:1rem;width:100%;padding:.7rem;background:#00703c;color:#fff;border:0}" +
        ".err{border:3px solid #b10e1e;padding:0 1rem;color:#b10e1e}.msg{padding:1rem;border-left:6px solid #b58105;background:#fff7e0}" +
        ".msg.ok{border-color:#00703c;background:#e6f4ea}";

    /// <summary>A token page (parents' receipts, training check-in): no script, one small stylesheet, a few KB.</summary>
    internal static IResult Page(int status, string title, string body, string? testId = null)
    {
        var e = PledgeText.Encoder;
        // The one inline element is the style, carrying the response's CSP nonce (no script at all).
        return SecurityHeaders.Html(nonce =>
            $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">" +
            $"<meta name=\"robots\" content=\"noindex\"><title>{e.Encode(title)}</title><style nonce=\"{nonce}\">{Style}</style></head>" +
            $"<body{(testId is null ? "" : $" data-testid=\"{testId}\"")}><h1>{e.Encode(title)}</h1>{body}</body></html>", status);
    }
}
