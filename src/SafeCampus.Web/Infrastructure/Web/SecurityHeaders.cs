using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.HttpOverrides;

namespace SafeCampus.Web.Infrastructure.Web;

/// <summary>
/// The response headers every answer carries (docs/security.md, "Headers and proxies"): a Content-Security-Policy with
/// a fresh nonce on every HTML answer, <c>X-Content-Type-Options: nosniff</c>, a Referrer-Policy (none at all on the
/// token pages), no framing, and HSTS over HTTPS (<see cref="WebUi.UseWebUi"/>). The headers are written when the
/// response starts, so error pages, status-code pages and rate-limit answers get them too.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceItem = "sc.csp-nonce";

    /// <summary>The Hangfire dashboard's pages: its own markup has style attributes and it draws with scripts.</summary>
    public const string DashboardPath = "/admin/jobs";

    /// <summary>This request's CSP nonce: the one value an inline <c>&lt;script&gt;</c> or <c>&lt;style&gt;</c> may carry.</summary>
    public static string CspNonce(this HttpContext http)
    {
        if (http.Items[NonceItem] is string nonce)
        {
            return nonce;
        }

        // 128 random bits, base64url: nothing in it that HTML or the header would need to escape.
        nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceItem] = nonce;
        return nonce;
    }

    /// <summary>
    /// The app's pages (Blazor, static server rendering): scripts and styles from the app's own files only, plus the
    /// import map, which carries the nonce. No inline style, no style attribute, no event handler: none is needed,
    /// and a nonce could not help markup that enhanced navigation brings into a page loaded under an older nonce.
    /// </summary>
    public static string PagePolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data: blob:; "
        + "font-src 'self'; connect-src 'self'; media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; "
        + "manifest-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Hangfire's dashboard: its scripts and styles are its own files, but its markup has style attributes (state
    /// cards, labels) and its charts set styles, so styles must allow inline. No nonce in style-src: a nonce would
    /// switch <c>'unsafe-inline'</c> off. Only the top bureau's administrators see it.
    /// </summary>
    public static string DashboardPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Uploaded files, Excel, PDF, calendar: nothing in them may run or load anything when opened in a tab.</summary>
    public const string FilePolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; sandbox; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, http);
        return next(http);
    });

    private static void Apply(HttpContext http)
    {
        var headers = http.Response.Headers;
        var path = http.Request.PathBase.Add(http.Request.Path); // Hangfire's dashboard runs in a mapped branch
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // A receipt link or a calendar link carries its token in the path: no Referer at all from those pages.
        if (!headers.ContainsKey("Referrer-Policy"))
        {
            headers["Referrer-Policy"] = IsTokenPath(path) ? "no-referrer" : "strict-origin-when-cross-origin";
        }

        var type = http.Response.ContentType ?? "";
        if (type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentSecurityPolicy = path.StartsWithSegments(DashboardPath) ? DashboardPolicy(http.CspNonce()) : PagePolicy(http.CspNonce());
        }
        else if (type.Length > 0 && !IsAsset(type))
        {
            headers.ContentSecurityPolicy = FilePolicy;
        }
    }

    private static bool IsAsset(string type) =>
        type.StartsWith("text/css", StringComparison.OrdinalIgnoreCase) || type.Contains("javascript", StringComparison.OrdinalIgnoreCase)
        || type.StartsWith("font/", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    public static bool IsTokenPath(PathString path) =>
        path.StartsWithSegments("/r") || path.StartsWithSegments("/t") || path.StartsWithSegments("/drills/calendar") || path.StartsWithSegments("/pledges/verify");

    /// <summary>
    /// A hand-written HTML page (the parents' receipt page, the QR sheet, the sign-in limit's page): the markup is
    /// built with this request's nonce, which its one <c>&lt;style&gt;</c> element carries.
    /// </summary>
    public static IResult Html(Func<string, string> page, int status = StatusCodes.Status200OK) => new NoncedHtml(page, status);

    private sealed class NoncedHtml(Func<string, string> page, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) =>
            Results.Content(page(httpContext.CspNonce()), "text/html; charset=utf-8", Encoding.UTF8, status).ExecuteAsync(httpContext);
    }
}

/// <summary>
/// Behind a TLS-terminating proxy: the proxy's <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only
/// when the connection comes from a known proxy address or network (<c>ForwardedHeaders</c> section); from anyone
/// else they are ignored. Then the request's scheme is https, the sign-in cookie is Secure, HSTS is sent, absolute
/// links (receipt QR codes, verification links, calendar links) start with https://, and the rate limits count the
/// client's address rather than the proxy's. The proxy must pass the Host header through unchanged.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>. Default: the loopback addresses (a proxy on the same host).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are trusted (entries taken from the end of X-Forwarded-For).</summary>
    public int ForwardLimit { get; set; } = 1;

    public static IHostApplicationBuilder AddForwardedHeaders(IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("ForwardedHeaders").Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = Math.Max(1, settings.ForwardLimit);
            var proxies = Split(settings.KnownProxies).Select(p => IPAddress.TryParse(p, out var ip)
                ? ip : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{p}' is not an IP address.")).ToList();
            var networks = Split(settings.KnownNetworks).Select(n => System.Net.IPNetwork.TryParse(n, out var net)
                ? net : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{n}' is not a network in CIDR notation (10.0.0.0/24).")).ToList();
            if (proxies.Count + networks.Count == 0)
            {
                return; // the framework's default: loopback only
            }

            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        return builder;
    }

    /// <summary>Each entry may itself be a list (<c>10.0.0.5;10.0.0.6</c>), so one environment variable can hold all.</summary>
    private static IEnumerable<string> Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
