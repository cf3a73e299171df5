using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SafeCampus.Web.Data;
using SafeCampus.Web.Data.Seeding;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Infrastructure;

/// <summary>
/// The real application on a fresh PostgreSQL database of its own. The scheduler is off unless a test turns it on.
/// Use as an xunit class fixture: one database per test class.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "safecampus-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The app's role: what the app and the test's contexts use, under row-level security.</summary>
    public string ConnectionString { get; protected set; } = "";

    /// <summary>The owner of the tables, past row-level security: dumps, schema checks, tampering tests.</summary>
    public virtual string OwnerConnectionString => TestDatabase.AsOwner(ConnectionString);
    public string MailDirectory => Path.Combine(_dir, "mail");
    public string LogDirectory => Path.Combine(_dir, "logs");
    public FakeClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected virtual bool SchedulerEnabled => false;
    protected virtual bool UseRealClock => false;

    public virtual async Task InitializeAsync() => ConnectionString = await TestDatabase.CreateDatabaseAsync();

    /// <summary>A context on this database that sees the whole tree (for arranging and asserting, never for the code under test).</summary>
    public AppDbContext Db()
    {
        var scope = new TenantScope();
        scope.EnterSystem("test");
        return TestDatabase.CreateContext(ConnectionString, scope);
    }

    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var db = Db();
        return await query(db);
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        KeepLogsWithErrors();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>
    /// A server error during a test is often visible only as "500" in an assertion: the app's log files of a test
    /// class that logged an error are copied to artifacts/test-logs/ for whoever reads the failure.
    /// </summary>
    private void KeepLogsWithErrors()
    {
        if (!Directory.Exists(LogDirectory))
        {
            return;
        }

        var files = Directory.GetFiles(LogDirectory, "*.json");
        // Compact JSON: "@l" is written for every level but Information.
        if (!files.Any(f => File.ReadLines(f).Any(l => l.Contains("\"@l\":\"Error\"", StringComparison.Ordinal)
                                                      || l.Contains("\"@l\":\"Fatal\"", StringComparison.Ordinal))))
        {
            return;
        }

        var target = Path.Combine(Browser.BrowserFixture.RepositoryRoot, "artifacts", "test-logs", $"{GetType().Name}-{Path.GetFileName(_dir)}");
        Directory.CreateDirectory(target);
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets(); // as in Development: serves blazor.web.js and package assets from the build output
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("ConnectionStrings:Owner", OwnerConnectionString);
        builder.UseSetting("Scheduler:Enabled", SchedulerEnabled ? "true" : "false");
        builder.UseSetting("Scheduler:PollSeconds", "0.5");
        builder.UseSetting("Logging:Directory", LogDirectory);
        builder.UseSetting("Email:PickupDirectory", MailDirectory);
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(_dir, "keys"));
        // Every test signs in from the same address, many times a minute; SignInRateLimitShould switches the limit on.
        builder.UseSetting("Account:SignIn:PerIpPerMinute", "0");
        builder.ConfigureServices(services =>
        {
            if (!UseRealClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }
        });
    }

    /// <summary>Seeds the demo city (deterministic names; ids differ per database).</summary>
    public async Task SeedDemoAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test-seed");
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    /// <summary>A DI scope whose tenant scope is the given user's, as a request of that user would have.</summary>
    public async Task<AsyncServiceScope> ScopeAsAsync(string userName)
    {
        var scope = Services.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantScope>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        System.Security.Claims.ClaimsPrincipal principal;
        using (tenant.EnterSystem())
        {
            var user = db.Users.Single(u => u.UserName == userName);
            // The sign-in cookie's claims (scope, bureau, school, role), so services see what a request would.
            principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<SafeCampus.Web.Domain.AppUser>>().CreateAsync(user);
        }

        tenant.SetFrom(principal);
        return scope;
    }

    /// <summary>An HTTP client (cookies kept, redirects not followed) signed in as the user.</summary>
    public async Task<HttpClient> LoginAsync(string userName, string password = DemoSeeder.Password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostFormAsync("/account/login", "login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login as {userName} failed: {response.StatusCode} {Forms.ErrorText(await response.Content.ReadAsStringAsync())}");
        }

        return client;
    }
}

/// <summary>Posting Blazor SSR forms: fetches the page for its antiforgery token, then posts with _handler.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, string formName,
        Dictionary<string, string> fields, string? getUrl = null)
    {
        var page = await client.GetStringAsync(getUrl ?? url);
        var token = TokenRegex().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {getUrl ?? url}");
        }

        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string url, string formName,
        Dictionary<string, string> fields, (string Field, string FileName, byte[] Content)? file, string? getUrl = null)
    {
        var page = await client.GetStringAsync(getUrl ?? url);
        var token = TokenRegex().Match(page);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(formName), "_handler" },
            { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
        };
        foreach (var (k, v) in fields)
        {
            content.Add(new StringContent(v), k);
        }

        if (file is { } f)
        {
            content.Add(new ByteArrayContent(f.Content), f.Field, f.FileName);
        }

        return await client.PostAsync(url, content);
    }

    /// <summary>
    /// A post to a page that shows this user no form (a record outside their scope, an action they may not take)
    /// finds no form to run, so StaleFormMiddleware sends it back to the page, which answers with its own status and
    /// Chinese text. Asserts exactly that and returns the page.
    /// </summary>
    public static async Task<string> AssertSentBackAsync(this HttpClient client, HttpResponseMessage post, string url,
        HttpStatusCode status, string text)
    {
        Assert.Equal(HttpStatusCode.SeeOther, post.StatusCode);
        Assert.Equal($"{url}?stale=1", post.Headers.Location!.PathAndQuery());
        var page = await client.GetAsync(post.Headers.Location);
        Assert.Equal(status, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(text, html, StringComparison.Ordinal);
        return html;
    }

    /// <summary>Path and query of a redirect target, whether the server sent it absolute or relative.</summary>
    public static string PathAndQuery(this Uri location) =>
        location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    /// <summary>The text of the error summary on a page, for assertion messages.</summary>
    public static string ErrorText(string html)
    {
        var m = ErrorSummaryRegex().Match(html);
        return m.Success ? WebUtility.HtmlDecode(TagRegex().Replace(m.Value, " ")).Trim() : "";
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    [GeneratedRegex("<div class=\"error-summary\".*?</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorSummaryRegex();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRegex();
}

/// <summary>A clock tests move by hand.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now += by;
}
