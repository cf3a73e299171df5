using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.WebUtilities;
using Serilog;
using SafeCampus.Web.Components;
using SafeCampus.Web.Data;
using SafeCampus.Web.Features.Account;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Infrastructure.Web;

public static class WebUi
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en-US")];
    public const string CultureCookie = ".sc.culture";

    public static IHostApplicationBuilder AddWebUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddScoped<CircuitHandler, TenantCircuitHandler>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(TimeProvider.System);
        // Chinese text rendered as characters, not &#x...; entities.
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = CultureCookie }];
        });
        ForwardedHeadersSettings.AddForwardedHeaders(builder);
        // The form-token cookie is Secure over https too (its default is never), like the sign-in cookie.
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(builder.Configuration.GetValue("Hsts:MaxAgeDays", 365));
            o.IncludeSubDomains = builder.Configuration.GetValue("Hsts:IncludeSubDomains", false);
        });
        builder.AddUploadLimits();
        builder.AddDurableSubmissions();
        builder.Services.AddExceptionHandler<DatabaseOutageHandler>();
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", customTestQuery: (db, ct) => db.Database.CanConnectAsync(ct));
        return builder;
    }

    public static WebApplication UseWebUi(this WebApplication app)
    {
        // First: behind a known proxy the request is https and comes from the client's address (for the cookie's
        // Secure flag, HSTS, absolute links, the logs and the rate limits); from anyone else the headers are ignored.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseHsts(); // over HTTPS only, and never for localhost / 127.0.0.1
        app.UseSerilogRequestLogging();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // An answer without a body (an unknown address; 403 from the authorization middleware, which does not
        // redirect) is re-executed as /not-found, the Chinese not-found or, for 403, not-allowed page. A
        // page whose record is not found calls NavigationManager.NotFound() instead, and the router renders the same
        // page (its NotFoundPage) in place. A new DI scope for the re-executed request: the first request's page has
        // already initialised that scope's navigation manager.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseMiddleware<QueryGuardMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<TenantScopeMiddleware>();
        app.UseForcedPasswordChange();
        app.UseAuthorization();
        // A signed-in user's oversized upload is read here, without its files, so the page answers it (before the
        // antiforgery check and the durable-form middleware read the form).
        app.UseMiddleware<UploadLimitMiddleware>();
        app.UseMiddleware<FormGuardMiddleware>(); // no NUL in any posted value
        app.UseAntiforgery();
        // Every area's limits (the parents' receipt pages, the sign-in form), before any endpoint runs.
        app.UseRateLimiter();
        app.UseMiddleware<StaleFormMiddleware>();
        app.UseMiddleware<DurableSubmissionMiddleware>();
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = WriteHealthAsync })
            .AllowAnonymous();
        app.MapGet("/culture", (string c, string? r, HttpContext http) =>
        {
            var culture = Cultures.FirstOrDefault(x => x.Name == c) ?? Cultures[0];
            http.Response.Cookies.Append(CultureCookie,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(SafeReturnUrl(r));
        }).AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// The overall status on the first line (what load balancers and scripts read), then one line per check with its
    /// status and what it found, so an operator sees what is down: <c>database: Unhealthy – …</c>.
    /// </summary>
    private static Task WriteHealthAsync(HttpContext http, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        var text = new System.Text.StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(name).Append(": ").Append(entry.Status);
            var detail = entry.Description ?? entry.Exception?.GetBaseException().Message;
            if (!string.IsNullOrWhiteSpace(detail))
            {
                text.Append(" – ").Append(detail.ReplaceLineEndings(" "));
            }
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(text.Append('\n').ToString());
    }

    /// <summary>A local return URL or "/": never redirects off-site.</summary>
    public static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    public static string WithQuery(string path, IDictionary<string, string?> query) => QueryHelpers.AddQueryString(path, query);
}
