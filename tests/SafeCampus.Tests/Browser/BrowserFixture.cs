using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port with the demo city seeded, and one headless Debian Chromium driven by Playwright.
/// Chromium comes from the OS package (never downloaded): if it is missing, these tests fail and say how to install it.
/// </summary>
public sealed class BrowserFixture : AppFactory
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("SAFECAMPUS_CHROMIUM") ?? "/usr/bin/chromium";
    public static readonly string RepositoryRoot = FindRoot();
    public static readonly string ScreenshotDir = Path.Combine(RepositoryRoot, "artifacts", "screenshots");

    private IPlaywright? _playwright;
    private readonly int _port = FreePort();

    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl => $"http://127.0.0.1:{_port}";

    public override async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium not found at {ChromiumPath}. Install it: apt-get install -y chromium fonts-wqy-microhei (scripts/test does this as root).");
        }

        await base.InitializeAsync();
        UseKestrel(_port);
        StartServer();
        await SeedDemoAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(ScreenshotDir);
    }

    public override async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>
    /// A new browser context (own cookies) at desktop width or phone width (360 px), on this fixture's app or on
    /// another server (<paramref name="baseUrl"/>, e.g. an <see cref="AppProcess"/>), optionally with JavaScript off.
    /// </summary>
    public async Task<IPage> NewPageAsync(bool phone = false, string? baseUrl = null, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            ViewportSize = phone ? new ViewportSize { Width = 360, Height = 740 } : new ViewportSize { Width = 1366, Height = 860 },
            DeviceScaleFactor = 1,
            IsMobile = phone,
            HasTouch = phone,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            JavaScriptEnabled = javaScript,
        });
        return await context.NewPageAsync();
    }

    public static async Task LoginAsync(IPage page, string userName, string password = SafeCampus.Web.Data.Seeding.DemoSeeder.Password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>Full-page screenshot to artifacts/screenshots/{name}.png, for people to look at.</summary>
    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    /// <summary>Fails when the page scrolls sideways at the emulated viewport's width (phones widen their layout viewport).</summary>
    public static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<bool>("w => document.documentElement.scrollWidth > w + 1", page.ViewportSize!.Width);
        Assert.False(overflow, $"{page.Url} scrolls sideways");
    }

    /// <summary>A TCP port that nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SafeCampus.sln")))
            {
                return dir.FullName;
            }
        }

        return Path.GetTempPath();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
