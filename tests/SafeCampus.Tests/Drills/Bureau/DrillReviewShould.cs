using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;

namespace SafeCampus.Tests.Drills.BureauSide;

/// <summary>
/// The bureau reviews filed drills: accept (comment optional) or return (reason required), only within its own county,
/// never as a school. The demo city on 2026-11-24 has four filings awaiting review in 青山县 and five in 云溪区.
/// </summary>
public sealed class DrillReviewShould(DemoDrillsFixture app) : IClassFixture<DemoDrillsFixture>
{
    [Fact]
    public async Task AcceptASubmittedFilingWithoutAComment()
    {
        var drill = app.Submitted["青山县"][0];
        var client = await app.LoginAsync("qs.safety");

        var response = await client.PostFormAsync($"/drills/review/{drill.Id}", "accept", new() { ["AcceptInput.Comment"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/drills/review?done=accepted", Path(response));
        var after = await app.DrillAsync(drill.Id);
        Assert.Equal((DrillState.Accepted, await app.UserIdAsync("qs.safety"), null), (after.State, after.ReviewedBy, after.ReviewComment));
        Assert.Equal(DemoDrillsFixture.Today, after.ReviewedAt);
        Assert.Contains("已验收该演练备案", await client.GetStringAsync("/drills/review?done=accepted"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReturnAFilingWithItsReason()
    {
        var drill = app.Submitted["青山县"][1];
        var client = await app.LoginAsync("qs.safety");

        var response = await client.PostFormAsync($"/drills/review/{drill.Id}", "return", new() { ["ReturnInput.Comment"] = "  请补充集合点的照片。 " });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await app.DrillAsync(drill.Id);
        Assert.Equal((DrillState.Returned, "请补充集合点的照片。"), (after.State, after.ReviewComment));
    }

    [Fact]
    public async Task RefuseToReturnWithoutAReasonAndChangeNothing()
    {
        var drill = app.Submitted["青山县"][2];
        var client = await app.LoginAsync("qs.safety");

        var response = await client.PostFormAsync($"/drills/review/{drill.Id}", "return", new() { ["ReturnInput.Comment"] = "   " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("退回时请写明原因。", Forms.ErrorText(html), StringComparison.Ordinal);
        Assert.Contains("<div class=\"error\" id=\"return-error\">退回时请写明原因。</div>", html, StringComparison.Ordinal);
        var after = await app.DrillAsync(drill.Id);
        Assert.Equal((DrillState.Submitted, (DateTimeOffset?)null, (string?)null), (after.State, after.ReviewedAt, after.ReviewedBy));

        // The service refuses too, with the same rule.
        await using var scope = await app.ScopeAsAsync("qs.safety");
        var ex = await Assert.ThrowsAsync<DomainException>(() => scope.ServiceProvider.GetRequiredService<DrillService>().ReturnAsync(drill.Id, ""));
        Assert.Equal("退回时请写明原因。", ex.LocalizedMessage());
        Assert.Equal(DrillState.Submitted, (await app.DrillAsync(drill.Id)).State);
    }

    [Fact]
    public async Task ShowAnotherCountysFilingAsNotFoundAndNeverWrite()
    {
        var drill = app.Submitted["青山县"][3];
        var client = await app.LoginAsync("yx.safety");

        var page = await client.GetAsync($"/drills/review/{drill.Id}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("您访问的页面不存在，或者您无权查看。", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var post = await client.PostFormAsync($"/drills/review/{drill.Id}", "accept", new() { ["AcceptInput.Comment"] = "" }, getUrl: "/");
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/files/{drill.Photos[0].FileId}")).StatusCode);

        await using var scope = await app.ScopeAsAsync("yx.safety");
        await Assert.ThrowsAsync<DrillNotFoundException>(() => scope.ServiceProvider.GetRequiredService<DrillService>().AcceptAsync(drill.Id, null));
        Assert.Equal(DrillState.Submitted, (await app.DrillAsync(drill.Id)).State);
    }

    [Fact]
    public async Task SendSchoolUsersAwayFromReview()
    {
        var drill = app.Submitted["青山县"][3];
        var client = await app.LoginAsync("qs1z.director");

        foreach (var url in new[] { "/drills/review", $"/drills/review/{drill.Id}", "/drills/compliance", "/drills/settings" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("data-testid=\"not-allowed\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var post = await client.PostFormAsync($"/drills/review/{drill.Id}", "accept", new() { ["AcceptInput.Comment"] = "" }, getUrl: "/");
        Assert.NotEqual("/drills/review?done=accepted", post.Headers.Location is null ? null : Path(post));
        var export = await client.GetAsync("/drills/compliance.xlsx");
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        Assert.Equal(DrillState.Submitted, (await app.DrillAsync(drill.Id)).State);
    }

    [Fact]
    public async Task ListTheCountysFilingsOldestFirst()
    {
        var client = await app.LoginAsync("yx.safety");
        var html = await client.GetStringAsync("/drills/review");

        var expected = (await app.SubmittedAsync("云溪区")).OrderBy(d => d.SubmittedAt).ThenBy(d => d.Id).Select(d => d.Id.ToString()).ToList();
        var shown = System.Text.RegularExpressions.Regex.Matches(html, "data-drill-id=\"([0-9a-f-]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(5, expected.Count);
        Assert.Equal(expected, shown);
        Assert.DoesNotContain("青山县", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowTheFilingWithItsPhotosParticipationAndEvacuationTime()
    {
        var drill = app.Submitted["云溪区"][0];
        var school = await app.SchoolAsync((await SchoolNameAsync(drill.SchoolId)));
        var client = await app.LoginAsync("yx.safety");

        var html = await client.GetStringAsync($"/drills/review/{drill.Id}");

        Assert.Contains(school.Name, html, StringComparison.Ordinal);
        Assert.Contains($"src=\"/files/{drill.Photos[0].FileId}\"", html, StringComparison.Ordinal);
        var participants = drill.StudentsParticipating!.Value + drill.StaffParticipating!.Value;
        var enrolled = school.Students + school.Staff;
        Assert.Contains($"{Math.Round(participants * 100m / enrolled, 1):0.0} %（{participants:N0}/{enrolled:N0}）", html, StringComparison.Ordinal);
        Assert.Contains($"{drill.EvacuationSeconds / 60}分{drill.EvacuationSeconds % 60:00}秒", html, StringComparison.Ordinal);
        Assert.Contains("name=\"AcceptInput.Comment\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"ReturnInput.Comment\"", html, StringComparison.Ordinal);

        var photo = await client.GetAsync($"/files/{drill.Photos[0].FileId}");
        Assert.Equal("image/png", photo.Content.Headers.ContentType!.MediaType);
    }

    private static string Path(HttpResponseMessage response) => new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;

    private async Task<string> SchoolNameAsync(Guid id)
    {
        await using var db = app.SystemDb();
        return db.Schools.Single(s => s.Id == id).Name;
    }
}
