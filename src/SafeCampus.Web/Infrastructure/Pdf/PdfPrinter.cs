using System.Globalization;
using System.Net;
using Microsoft.Playwright;

namespace SafeCampus.Web.Infrastructure.Pdf;

/// <summary>Page setup of a printed report: A4, portrait or landscape; the title goes into every page's footer.</summary>
public sealed record PdfOptions(string Title, bool Landscape = false);

/// <summary>Thrown when no Chromium is installed or it cannot start; the message is for the user (Chinese).</summary>
public sealed class PdfUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class PdfSettings
{
    /// <summary>The Chromium executable (the Debian package by default).</summary>
    public string ChromiumPath { get; set; } = Environment.GetEnvironmentVariable("SAFECAMPUS_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>How many PDFs print at once: a large table peaks at about 0.6 GiB in Chromium.</summary>
    public int MaxConcurrency { get; set; } = 2;
}

/// <summary>
/// Prints HTML to PDF with one long-lived headless Chromium (docs/decisions/0004). The browser starts on first use, is
/// shared by all requests and jobs, and is relaunched if it goes away. Concurrent prints are limited.
/// </summary>
public sealed class PdfPrinter(PdfSettings settings, ILogger<PdfPrinter> logger) : IAsyncDisposable
{
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--disable-extensions",
    ];

    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly SemaphoreSlim _slots = new(Math.Max(1, settings.MaxConcurrency));
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<byte[]> PrintAsync(string html, PdfOptions options, CancellationToken ct = default)
    {
        await _slots.WaitAsync(ct);
        try
        {
            var browser = await BrowserAsync(ct);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
            try
            {
                var page = await context.NewPageAsync();
                // Reports are self-contained: nothing may be fetched from the network while printing.
                await page.RouteAsync("**/*", route => route.AbortAsync());
                await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
                return await page.PdfAsync(new PagePdfOptions
                {
                    Format = "A4",
                    Landscape = options.Landscape,
                    PrintBackground = true,
                    DisplayHeaderFooter = true,
                    HeaderTemplate = "<span></span>",
                    FooterTemplate = Footer(options.Title),
                    Margin = new Margin { Top = "12mm", Bottom = "14mm", Left = "10mm", Right = "10mm" },
                });
            }
            finally
            {
                await context.CloseAsync();
            }
        }
        catch (PlaywrightException ex)
        {
            logger.LogError(ex, "Printing a PDF failed");
            await ResetAsync();
            throw new PdfUnavailableException(PrintText.PrintFailed, ex);
        }
        finally
        {
            _slots.Release();
        }
    }

    private static string Footer(string title) =>
        "<div style=\"width:100%;font-family:'WenQuanYi Micro Hei','HanaMinB','HanaMinA',sans-serif;font-size:8px;color:#555;padding:0 10mm;display:flex;justify-content:space-between\">"
        + $"<span>{WebUtility.HtmlEncode(title)}</span>"
        + "<span>" + string.Format(CultureInfo.InvariantCulture, WebUtility.HtmlEncode(PrintText.PageOf), "<span class=\"pageNumber\"></span>", "<span class=\"totalPages\"></span>") + "</span></div>";

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } ready)
        {
            return ready;
        }

        await _launch.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } raced)
            {
                return raced;
            }

            if (!File.Exists(settings.ChromiumPath))
            {
                throw new PdfUnavailableException(string.Format(CultureInfo.CurrentCulture, PrintText.ChromiumMissing, settings.ChromiumPath));
            }

            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = settings.ChromiumPath,
                Headless = true,
                Args = Args,
            });
            logger.LogInformation("Chromium for PDF printing started from {Path}", settings.ChromiumPath);
            return _browser;
        }
        catch (PlaywrightException ex)
        {
            throw new PdfUnavailableException(string.Format(CultureInfo.CurrentCulture, PrintText.ChromiumMissing, settings.ChromiumPath), ex);
        }
        finally
        {
            _launch.Release();
        }
    }

    private async Task ResetAsync()
    {
        if (_browser is { IsConnected: false })
        {
            await _browser.DisposeAsync();
            _browser = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _launch.Dispose();
        _slots.Dispose();
    }
}
