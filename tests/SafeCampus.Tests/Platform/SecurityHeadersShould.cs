using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Infrastructure.Files;
using SafeCampus.Web.Infrastructure.Scheduling;

namespace SafeCampus.Tests.Platform;

/// <summary>
/// Every family of HTML answer carries the Content-Security-Policy with a nonce of its own, and its inline elements
/// carry that nonce; the other headers are on every answer; uploaded documents are downloaded, photos shown.
/// </summary>
public sealed partial class SecurityHeadersShould(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task GiveEveryHtmlPageFamilyAPolicyWithAFreshNonce()
    {
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var principal = await app.LoginAsync("qs1z.principal");
        var county = await app.LoginAsync("qs.admin");
        var campaign = await app.QueryAsync(db => db.PledgeCampaigns.Select(c => c.Id).FirstAsync());
        var pages = new (string Family, HttpClient Client, string Url, HttpStatusCode Status)[]
        {
            ("sign-in page", anonymous, "/account/login", HttpStatusCode.OK),
            ("signed-in page", principal, "/", HttpStatusCode.OK),
            ("not-found page", principal, "/no-such-page", HttpStatusCode.NotFound),
            ("not-allowed page", county, "/org/bureaus/new", HttpStatusCode.Forbidden),
            ("error page", anonymous, "/error", HttpStatusCode.OK),
            ("parents' receipt page", anonymous, "/r/" + new string('A', 22), HttpStatusCode.NotFound),
            ("QR sheet", principal, $"/pledges/school/{campaign}/qr", HttpStatusCode.OK),
            ("verification page", anonymous, "/pledges/verify?code=ABCD", HttpStatusCode.OK),
        };

        foreach (var (family, client, url, status) in pages)
        {
            var first = await client.GetAsync(url);
            var second = await client.GetAsync(url);
            Assert.True(first.StatusCode == status, $"{family}: {first.StatusCode}");
            var (nonce1, html1) = await CspAssert.AssertPagePolicyAsync(first, family);
            var (nonce2, _) = await CspAssert.AssertPagePolicyAsync(second, family);
            Assert.NotEqual(nonce1, nonce2);
            CspAssert.AssertInlineElementsCarry(nonce1, html1, family);
        }
    }

    [Fact]
    public async Task CarryTheNonceOnTheImportMapAndTheReceiptPagesStyle()
    {
        var login = await app.CreateClient().GetAsync("/account/login");
        var (nonce, html) = await CspAssert.AssertPagePolicyAsync(login, "sign-in");
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        Assert.Contains("\"imports\"", html, StringComparison.Ordinal);

        var receipt = await app.CreateClient().GetAsync("/r/" + new string('B', 22));
        var (receiptNonce, receiptHtml) = await CspAssert.AssertPagePolicyAsync(receipt, "receipt");
        Assert.Contains($"<style nonce=\"{receiptNonce}\">", receiptHtml, StringComparison.Ordinal);
        Assert.Equal("no-referrer", CspAssert.Header(receipt, "Referrer-Policy"));
        Assert.Equal("strict-origin-when-cross-origin", CspAssert.Header(login, "Referrer-Policy"));
    }

    [Fact]
    public async Task GiveTheJobDashboardItsOwnPolicyThatAllowsItsInlineStyles()
    {
        var client = await app.LoginAsync("city.admin");
        var response = await client.GetAsync(JobDashboard.Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = CspAssert.Header(response, "Content-Security-Policy");
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9_-]{22}'", csp);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", CspAssert.Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task ServeUploadedDocumentsAsAttachmentsAndPhotosInline()
    {
        StoredFileIds ids;
        await using (var scope = await app.ScopeAsAsync("qs1z.director"))
        {
            var store = scope.ServiceProvider.GetRequiredService<FileStore>();
            var pdf = await store.SaveAsync(new MemoryStream("%PDF-1.4\n<script>app.alert(1)</script>\n%%EOF"u8.ToArray()), "演练方案 \"最终\".pdf",
                FileCategory.Document, app.Org.QingshanFirstMiddle.ScopePath);
            var png = await store.SaveAsync(new MemoryStream(Convert.FromBase64String(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")), "校门.png",
                FileCategory.Image, app.Org.QingshanFirstMiddle.ScopePath);
            ids = new StoredFileIds(pdf.Id, png.Id);
        }

        var client = await app.LoginAsync("qs1z.director");
        var document = await client.GetAsync($"/files/{ids.Pdf}");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("application/pdf", document.Content.Headers.ContentType?.MediaType);
        var disposition = document.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("演练方案 最终.pdf", disposition.FileNameStar);
        Assert.Equal("nosniff", CspAssert.Header(document, "X-Content-Type-Options"));
        Assert.Contains("sandbox", CspAssert.Header(document, "Content-Security-Policy"), StringComparison.Ordinal);

        var photo = await client.GetAsync($"/files/{ids.Png}");
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        Assert.Null(photo.Content.Headers.ContentDisposition);
        Assert.Equal("nosniff", CspAssert.Header(photo, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task SendNoHstsOverPlainHttp()
    {
        var response = await app.CreateClient().GetAsync("/account/login");
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("DENY", CspAssert.Header(response, "X-Frame-Options"));
    }

    private sealed record StoredFileIds(Guid Pdf, Guid Png);
}

/// <summary>What the Content-Security-Policy of an HTML answer must say, and what its markup may contain.</summary>
public static partial class CspAssert
{
    /// <summary>The page policy's shape; returns the response's nonce and its HTML.</summary>
    public static async Task<(string Nonce, string Html)> AssertPagePolicyAsync(HttpResponseMessage response, string family)
    {
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        var csp = CspAssert.Header(response, "Content-Security-Policy");
        var m = NonceRegex().Match(csp);
        Assert.True(m.Success, $"{family}: no nonce in '{csp}'");
        var nonce = m.Groups[1].Value;
        foreach (var directive in new[] { "default-src 'self'", $"script-src 'self' 'nonce-{nonce}'", $"style-src 'self' 'nonce-{nonce}'",
                     "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'" })
        {
            Assert.True(csp.Contains(directive, StringComparison.Ordinal), $"{family}: '{directive}' missing from '{csp}'");
        }

        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", CspAssert.Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", CspAssert.Header(response, "X-Frame-Options"));
        Assert.True(response.Headers.Contains("Referrer-Policy"), family);
        return (nonce, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// What the policy would block, found in the markup itself: an inline script or style without the nonce, a style
    /// attribute, an inline event handler, a javascript: link.
    /// </summary>
    public static void AssertInlineElementsCarry(string nonce, string html, string where)
    {
        foreach (Match tag in InlineTagRegex().Matches(html))
        {
            Assert.True(tag.Value.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal), $"{where}: {tag.Value} without this response's nonce");
        }

        var attribute = ForbiddenAttributeRegex().Match(html);
        Assert.False(attribute.Success, $"{where}: '{attribute.Value}' would be blocked by the policy");
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var v) || response.Content.Headers.TryGetValues(name, out v) ? string.Join(",", v) : "";

    [GeneratedRegex("'nonce-([A-Za-z0-9_-]{22})'")]
    private static partial Regex NonceRegex();

    /// <summary>&lt;style&gt; elements, and &lt;script&gt; elements without a src.</summary>
    [GeneratedRegex("<style\\b[^>]*>|<script\\b(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineTagRegex();

    [GeneratedRegex("<[a-z][^>]*\\s(style|on[a-z]+)=\"[^\"]*\"|href=\"javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex ForbiddenAttributeRegex();
}
