using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Platform;

/// <summary>
/// Behind a TLS-terminating proxy at a configured address, requests are https: the sign-in cookie is Secure, HSTS is
/// sent, and the links the app prints (calendar subscription, receipt QR codes) start with https://. The same
/// headers from any other address change nothing.
/// </summary>
public sealed class ForwardedHeadersShould(ForwardedHeadersShould.Fixture app) : IClassFixture<ForwardedHeadersShould.Fixture>
{
    private const string Proxy = "10.20.0.5";
    private const string Host = "anquan.example.edu.cn";

    public sealed class Fixture : DemoAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ForwardedHeaders:KnownProxies:0", "10.99.0.1");
            builder.UseSetting("ForwardedHeaders:KnownNetworks:0", "10.20.0.0/24");
            // The in-process server has no network: the test says which address a request comes from.
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddressFromTestHeader()));
        }
    }

    [Fact]
    public async Task MakeRequestsFromAKnownProxyHttpsWithASecureCookieHstsAndHttpsLinks()
    {
        var (client, jar) = Client(Proxy);
        var login = await client.GetAsync("/account/login");
        Assert.Contains("max-age=", CspAssert.Header(login, "Strict-Transport-Security"), StringComparison.Ordinal);
        Assert.All(jar.SetCookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));

        await SignInAsync(client, "qs1z.principal");
        Assert.Contains(jar.SetCookies, c => c.StartsWith("sc.auth=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));

        var drills = await client.GetStringAsync("/drills");
        Assert.Contains($"https://{Host}/drills/calendar/", drills, StringComparison.Ordinal);
        Assert.DoesNotContain($"http://{Host}/", drills, StringComparison.Ordinal);

        // A school with receipts issued, signed in as its principal.
        var (campaign, principal) = await app.QueryAsync(async db =>
        {
            var receipt = await db.NoticeReceipts.OrderBy(r => r.Id).Select(r => new { r.CampaignId, r.SchoolId }).FirstAsync();
            var user = await db.Users.Where(u => u.SchoolId == receipt.SchoolId && u.UserName!.EndsWith(".principal")).Select(u => u.UserName!).FirstAsync();
            return (receipt.CampaignId, user);
        });
        (client, _) = Client(Proxy);
        await SignInAsync(client, principal);
        var sheet = await client.GetStringAsync($"/pledges/school/{campaign}/qr");
        Assert.Contains($"https://{Host}/r/", sheet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IgnoreForwardedHeadersFromAnUnknownAddress()
    {
        var (client, jar) = Client("192.0.2.77");
        var login = await client.GetAsync("/account/login");
        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
        Assert.NotEmpty(jar.SetCookies);
        Assert.All(jar.SetCookies, c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));

        await SignInAsync(client, "qs1z.principal");
        Assert.Contains(jar.SetCookies, c => c.StartsWith("sc.auth=", StringComparison.Ordinal) && !c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        var drills = await client.GetStringAsync("/drills");
        Assert.Contains($"http://{Host}/drills/calendar/", drills, StringComparison.Ordinal);
        Assert.DoesNotContain($"https://{Host}/", drills, StringComparison.Ordinal);
    }

    private (HttpClient Client, CookieJar Jar) Client(string from)
    {
        var jar = new CookieJar(from);
        var client = app.CreateDefaultClient(new Uri($"http://{Host}"), jar);
        return (client, jar);
    }

    private static async Task SignInAsync(HttpClient client, string userName)
    {
        var response = await client.PostFormAsync("/account/login", "login",
            new() { ["Input.UserName"] = userName, ["Input.Password"] = SafeCampus.Web.Data.Seeding.DemoSeeder.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>
    /// Sends what the proxy would (X-Forwarded-Proto/For, the test's remote address) and keeps cookies by name: an
    /// ordinary cookie container would, rightly, not send a Secure cookie back over http://.
    /// </summary>
    private sealed class CookieJar(string from) : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = [];
        public List<string> SetCookies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(RemoteAddressFromTestHeader.Header, from);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    SetCookies.Add(value);
                    var pair = value.Split(';', 2)[0].Split('=', 2);
                    _cookies[pair[0]] = pair[1];
                }
            }

            return response;
        }
    }
}

/// <summary>Test only: sets the connection's remote address from a request header, before the app's pipeline.</summary>
public sealed class RemoteAddressFromTestHeader : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext http, RequestDelegate nextMiddleware) =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
            {
                http.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(http);
        });
        next(app);
    };
}
