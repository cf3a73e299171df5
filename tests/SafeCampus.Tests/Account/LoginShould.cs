using System.Net;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Account;

public sealed class LoginShould(LoginShould.Fixture app) : IClassFixture<LoginShould.Fixture>
{
    public sealed class Fixture : DemoAppFactory;

    [Fact]
    public async Task RedirectAnonymousVisitorsToTheLoginPage()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/org/schools");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowTheBureauOverviewToABureauOfficer()
    {
        var client = await app.LoginAsync("qs.safety");
        var html = await client.GetStringAsync("/");
        Assert.Contains("安全工作总览", html, StringComparison.Ordinal);
        Assert.Contains("东湖片区", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOutOnlyWithTheAntiforgeryToken()
    {
        var client = await app.LoginAsync("qs1z.teacher");

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var page = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var real = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal("/account/login", real.Headers.Location?.PathAndQuery());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }
}
