using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Drills.SchoolSide;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure.Web;

namespace SafeCampus.Tests.Platform;

/// <summary>A post resent with the same submission key (a phone on a weak signal) does the work once.</summary>
public sealed class DurableSubmissionsShould : IClassFixture<DrillSchoolFixture>
{
    private const string Director = "qs1z.director";
    private readonly DrillSchoolFixture _app;

    public DurableSubmissionsShould(DrillSchoolFixture app)
    {
        _app = app;
        _app.Clock.Set(DrillSchoolFixture.Now);
    }

    private static Dictionary<string, string> Key(Guid key) => new() { [DurableSubmissionMiddleware.Field] = key.ToString() };

    [Fact]
    public async Task RedirectAResentPostToTheFirstAnswerWithoutRunningItAgain()
    {
        var id = await _app.ScheduleAsync(Director, DrillSchoolFixture.Today);
        var client = await _app.LoginAsync(Director);
        var key = Guid.NewGuid();

        var first = await client.PostMultipartAsync($"/drills/{id}", "photo", Key(key), ("Photos", "现场.png", TestImages.Png(40, 30)));
        var resent = await client.PostMultipartAsync($"/drills/{id}", "photo", Key(key), ("Photos", "现场.png", TestImages.Png(40, 30)));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Equal(first.Headers.Location, resent.Headers.Location);
        Assert.Single((await _app.LoadAsync(id)).Photos);

        // A new key is a new post.
        await client.PostMultipartAsync($"/drills/{id}", "photo", Key(Guid.NewGuid()), ("Photos", "第二张.png", TestImages.Png(40, 30)));
        Assert.Equal(2, (await _app.LoadAsync(id)).Photos.Count);
    }

    [Fact]
    public async Task ReleaseTheKeyOfAPostThatWasRefusedSoTheCorrectedPostRuns()
    {
        var id = await _app.ScheduleAsync(Director, DrillSchoolFixture.Today);
        var client = await _app.LoginAsync(Director);
        var key = Guid.NewGuid();

        var refused = await client.PostMultipartAsync($"/drills/{id}", "photo", Key(key), ("Photos", "plan.png", "这不是图片"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Empty((await _app.LoadAsync(id)).Photos);
        await using (var db = _app.SystemContext())
        {
            Assert.False(await db.FormSubmissions.AnyAsync(s => s.Key == key));
        }

        var corrected = await client.PostMultipartAsync($"/drills/{id}", "photo", Key(key), ("Photos", "现场.png", TestImages.Png(40, 30)));
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Single((await _app.LoadAsync(id)).Photos);
        await using (var db = _app.SystemContext())
        {
            var stored = await db.FormSubmissions.SingleAsync(s => s.Key == key);
            Assert.Equal(corrected.Headers.Location!.OriginalString, stored.Location);
        }
    }

    [Fact]
    public async Task AnswerConflictInChineseWhileTheFirstPostIsStillRunningOrTheKeyIsSomeoneElses()
    {
        var id = await _app.ScheduleAsync(Director, DrillSchoolFixture.Today);
        var client = await _app.LoginAsync(Director);
        var running = Guid.NewGuid();
        var others = Guid.NewGuid();
        await using (var db = _app.SystemContext())
        {
            var principal = await db.Users.Where(u => u.UserName == "qs1z.principal").Select(u => u.Id).SingleAsync();
            db.FormSubmissions.Add(new FormSubmission { Key = running, UserId = await db.Users.Where(u => u.UserName == Director).Select(u => u.Id).SingleAsync(), CreatedAt = DrillSchoolFixture.Now.ToUniversalTime() });
            db.FormSubmissions.Add(new FormSubmission { Key = others, UserId = principal, CreatedAt = DrillSchoolFixture.Now.ToUniversalTime(), Location = "/somewhere-else" });
            await db.SaveChangesAsync();
        }

        foreach (var key in new[] { running, others })
        {
            var response = await client.PostMultipartAsync($"/drills/{id}", "photo", Key(key), ("Photos", "现场.png", TestImages.Png(40, 30)));
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("这条记录正在提交，请稍候刷新页面查看结果。", await response.Content.ReadAsStringAsync());
        }

        Assert.Empty((await _app.LoadAsync(id)).Photos);
    }

    [Fact]
    public async Task TakeOverAClaimLeftUnansweredByARequestThatDiedWithItsNode()
    {
        var id = await _app.ScheduleAsync(Director, DrillSchoolFixture.Today);
        var client = await _app.LoginAsync(Director);
        var abandoned = Guid.NewGuid();
        var someoneElses = Guid.NewGuid();
        await using (var db = _app.SystemContext())
        {
            var director = await db.Users.Where(u => u.UserName == Director).Select(u => u.Id).SingleAsync();
            var principal = await db.Users.Where(u => u.UserName == "qs1z.principal").Select(u => u.Id).SingleAsync();
            // Claimed, never answered: the node running the first post was killed three minutes ago.
            var then = DrillSchoolFixture.Now.ToUniversalTime() - DurableSubmissionMiddleware.AbandonedAfter - TimeSpan.FromMinutes(1);
            db.FormSubmissions.Add(new FormSubmission { Key = abandoned, UserId = director, CreatedAt = then });
            db.FormSubmissions.Add(new FormSubmission { Key = someoneElses, UserId = principal, CreatedAt = then });
            await db.SaveChangesAsync();
        }

        var resent = await client.PostMultipartAsync($"/drills/{id}", "photo", Key(abandoned), ("Photos", "现场.png", TestImages.Png(40, 30)));
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Single((await _app.LoadAsync(id)).Photos);
        await using (var db = _app.SystemContext())
        {
            Assert.Equal(resent.Headers.Location!.OriginalString, (await db.FormSubmissions.SingleAsync(s => s.Key == abandoned)).Location);
        }

        // Another user's abandoned claim is not taken over.
        var foreign = await client.PostMultipartAsync($"/drills/{id}", "photo", Key(someoneElses), ("Photos", "现场.png", TestImages.Png(40, 30)));
        Assert.Equal(HttpStatusCode.Conflict, foreign.StatusCode);
        Assert.Single((await _app.LoadAsync(id)).Photos);
    }

    [Fact]
    public async Task ForgetKeysAfterAWeek()
    {
        await using (var db = _app.SystemContext())
        {
            var user = await db.Users.Where(u => u.UserName == Director).Select(u => u.Id).SingleAsync();
            db.FormSubmissions.AddRange(
                new FormSubmission { Key = Guid.NewGuid(), UserId = user, CreatedAt = DrillSchoolFixture.Now.UtcDateTime.AddDays(-8), Location = "/old" },
                new FormSubmission { Key = Guid.NewGuid(), UserId = user, CreatedAt = DrillSchoolFixture.Now.UtcDateTime.AddDays(-6), Location = "/recent" });
            await db.SaveChangesAsync();
        }

        await using var scope = _app.Services.CreateAsyncScope();
        var removed = await ActivatorUtilities.CreateInstance<SubmissionHousekeepingJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);

        Assert.True(removed >= 1);
        await using var check = _app.SystemContext();
        Assert.False(await check.FormSubmissions.AnyAsync(s => s.Location == "/old"));
        Assert.True(await check.FormSubmissions.AnyAsync(s => s.Location == "/recent"));
    }
}
