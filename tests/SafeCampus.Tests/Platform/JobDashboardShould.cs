using System.Net;
using System.Text.RegularExpressions;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Infrastructure.Scheduling;

namespace SafeCampus.Tests.Platform;

/// <summary>Hangfire's dashboard at /admin/jobs: the top bureau's administrators only; its actions need the antiforgery token.</summary>
public sealed partial class JobDashboardShould(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task OpenForTheTopBureausAdministrator()
    {
        var client = await app.LoginAsync("city.admin");
        var response = await client.GetAsync(JobDashboard.Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("SafeCampus · jobs", html, StringComparison.Ordinal);

        var recurring = await client.GetStringAsync($"{JobDashboard.Path}/recurring");
        Assert.Contains("defence-reminders", recurring, StringComparison.Ordinal);
        Assert.Contains("Asia/Shanghai", recurring, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qs.admin")] // a county's administrator
    [InlineData("city.safety")] // the top bureau, but not an administrator
    [InlineData("qs1z.principal")]
    [InlineData("qs1z.director")]
    public async Task AnswerNotFoundToEveryoneElse(string userName)
    {
        var client = await app.LoginAsync(userName);
        foreach (var path in new[] { JobDashboard.Path, $"{JobDashboard.Path}/recurring", $"{JobDashboard.Path}/stats" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Hangfire", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var post = await client.PostAsync($"{JobDashboard.Path}/recurring/trigger",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = "defence-reminders" }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task SendSomeoneNotSignedInToTheSignInPage()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(JobDashboard.Path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseAnActionWithoutTheAntiforgeryTokenAndRunItWithIt()
    {
        var client = await app.LoginAsync("city.admin");
        var trigger = new Dictionary<string, string> { ["jobs[]"] = "pledge-schedules" };

        var forged = await client.PostAsync($"{JobDashboard.Path}/recurring/trigger", new FormUrlEncodedContent(trigger));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Empty(await Jobs.RunsAsync(app.ConnectionString, "pledge-schedules"));

        var page = await client.GetStringAsync($"{JobDashboard.Path}/recurring");
        var header = HeaderRegex().Match(page);
        var token = TokenRegex().Match(page);
        Assert.True(header.Success && token.Success, "no antiforgery token on the dashboard");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{JobDashboard.Path}/recurring/trigger") { Content = new FormUrlEncodedContent(trigger) };
        request.Headers.Add(WebUtility.HtmlDecode(header.Groups[1].Value), WebUtility.HtmlDecode(token.Groups[1].Value));
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"trigger answered {(int)response.StatusCode}");
        Assert.NotEmpty(await Jobs.RunsAsync(app.ConnectionString, "pledge-schedules"));
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex HeaderRegex();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
