using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Education;

namespace SafeCampus.Tests.Education;

/// <summary>
/// Safety posts, training sessions, self check-in through the session link and the training rate, on
/// <see cref="EducationFixture"/>: 明德小学 fills the city's nine posts and adds a guard and a bus driver; 西县 runs a
/// session for guards and administrators.
/// </summary>
public sealed class TrainingShould(EducationFixture app) : IClassFixture<EducationFixture>, IAsyncLifetime
{
    private const string GuardPhone = "13900000001";

    public async Task InitializeAsync()
    {
        await using var db = app.SystemContext();
        if (await db.SafetyPeople.AnyAsync(p => p.SchoolId == app.B1.Id))
        {
            return;
        }

        await app.AsAsync("b1.director", async sp =>
        {
            var people = sp.GetRequiredService<SafetyPeopleService>();
            var posts = await people.PostsForAsync(app.B1.ScopePath);
            await people.SavePostsAsync(posts.Select((p, i) => new PostHolderInput(p.Id, $"管理员{i + 1}", null)).ToList());
            await people.AddPersonAsync(SafetyRole.Guard, "张保安", GuardPhone);
            await people.AddPersonAsync(SafetyRole.BusDriver, "李司机", null);
            return 0;
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<(Guid Id, string Token)> CreateSessionAsync(string user, string topic, TrainingAudience audience) =>
        app.AsAsync(user, async sp =>
        {
            var t = sp.GetRequiredService<TrainingService>();
            var s = await t.CreateAsync(new TrainingSpec(topic, new DateOnly(2026, 10, 20), 2m, "县公安局 刘警官", audience, true));
            return (s.Id, t.CheckInToken(s));
        });

    private async Task<Guid> PersonAsync(string name)
    {
        await using var db = app.SystemContext();
        return await db.SafetyPeople.Where(p => p.Name == name && p.IsActive).Select(p => p.Id).SingleAsync();
    }

    private async Task<int> AttendanceCountAsync(Guid session)
    {
        await using var db = app.SystemContext();
        return await db.TrainingAttendances.CountAsync(a => a.SessionId == session);
    }

    private Task<HttpResponseMessage> CheckInAsync(HttpClient client, string token, string name, string phone) =>
        client.PostAsync($"/t/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = name, ["phone"] = phone }));

    [Fact]
    public async Task RefuseToLeaveARequiredPostEmptyAndChangeNothing()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => app.AsAsync("b1.director", async sp =>
        {
            var people = sp.GetRequiredService<SafetyPeopleService>();
            var posts = await people.PostsForAsync(app.B1.ScopePath);
            await people.SavePostsAsync(posts.Select((p, i) => new PostHolderInput(p.Id, i == 2 ? " " : $"新管理员{i + 1}", null)).ToList());
            return 0;
        }));
        Assert.Equal("Education.PostRequired", ex.Code);
        Assert.Contains("消防安全管理员", ex.LocalizedMessage(), StringComparison.Ordinal);
        await using var db = app.SystemContext();
        Assert.False(await db.SafetyPeople.AnyAsync(p => p.Name.StartsWith("新管理员")));
        Assert.Equal(9, await db.SafetyPeople.CountAsync(p => p.SchoolId == app.B1.Id && p.PostId != null && p.IsActive));
    }

    [Fact]
    public async Task ReplaceAPostHolderWithANewPerson()
    {
        await app.AsAsync("b1.director", async sp =>
        {
            var people = sp.GetRequiredService<SafetyPeopleService>();
            var lines = await people.PostLinesAsync(app.B1.Id, app.B1.ScopePath, 2026);
            await people.SavePostsAsync(lines.Select(l => new PostHolderInput(l.Post.Id, l.Post.Name == "网络与信息安全管理员" ? "赵网管" : l.Name, l.Phone)).ToList());
            return 0;
        });
        await using var db = app.SystemContext();
        var post = await db.SafetyPosts.SingleAsync(p => p.Name == "网络与信息安全管理员");
        var holders = await db.SafetyPeople.Where(p => p.SchoolId == app.B1.Id && p.PostId == post.Id).ToListAsync();
        Assert.Single(holders, h => h.IsActive && h.Name == "赵网管");
        Assert.Contains(holders, h => !h.IsActive);

        // The school's people as Excel, the new holder under the post's name; the old one is gone from the list.
        using var school = await app.LoginAsync("b1.director", TestUsers.Password);
        var export = await school.GetAsync("/education/people.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var text = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText;
        Assert.Contains("赵网管", text, StringComparison.Ordinal);
        Assert.Contains("网络与信息安全管理员", text, StringComparison.Ordinal);
        Assert.DoesNotContain(holders.Single(h => !h.IsActive).Name, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckInOnceThroughTheLinkAndRefuseGuessesClosedAndExpiredLinks()
    {
        var (session, token) = await CreateSessionAsync("west.safety", "保安员业务培训", TrainingAudience.Guard | TrainingAudience.Administrator);
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });

        // Guessing: a well-formed random token and a malformed one look the same, 404.
        var guess = WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/t/{guess}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/t/abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await CheckInAsync(anonymous, guess, "张保安", GuardPhone)).StatusCode);

        var form = await anonymous.GetStringAsync($"/t/{token}");
        Assert.Contains("保安员业务培训", form, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", form, StringComparison.Ordinal);

        // Wrong number, then a person outside the audience (the bus driver has no number, and is not in it).
        var wrong = await CheckInAsync(anonymous, token, "张保安", "13900000009");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains(EducationText.CheckInPersonNotFound, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ok = await CheckInAsync(anonymous, token, "张保安", GuardPhone);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("data-testid=\"done\"", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var again = await CheckInAsync(anonymous, token, "张保安", GuardPhone);
        Assert.Contains("data-testid=\"already\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await AttendanceCountAsync(session));

        // The organiser cannot record the same person again from the list; the whole list is refused.
        var guard = await PersonAsync("张保安");
        var admin = await PersonAsync("管理员1");
        var twice = await Assert.ThrowsAsync<DomainException>(() => app.AsAsync("west.safety", sp => sp.GetRequiredService<TrainingService>().RecordAsync(session, [admin, guard])));
        Assert.Equal("Education.AlreadyAttended", twice.Code);
        Assert.Contains("张保安", twice.LocalizedMessage(), StringComparison.Ordinal);
        Assert.Equal(1, await AttendanceCountAsync(session));

        // Someone outside the audience is refused too.
        var driver = await PersonAsync("李司机");
        var outside = await Assert.ThrowsAsync<DomainException>(() => app.AsAsync("west.safety", sp => sp.GetRequiredService<TrainingService>().RecordAsync(session, [driver])));
        Assert.Equal("Education.NotInAudience", outside.Code);

        // Closed: the link answers 410 and records nothing more.
        await app.AsAsync("west.safety", async sp => { await sp.GetRequiredService<TrainingService>().CloseAsync(session); return 0; });
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync($"/t/{token}")).StatusCode);
        await using (var db = app.SystemContext())
        {
            await db.SafetyPeople.Where(p => p.Name == "管理员2").ExecuteUpdateAsync(s => s.SetProperty(p => p.Phone, "13900000002"));
        }

        Assert.Equal(HttpStatusCode.Gone, (await CheckInAsync(anonymous, token, "管理员2", "13900000002")).StatusCode);
        Assert.Equal(1, await AttendanceCountAsync(session));

        // Expired: a session's link works until the end of the day after it.
        var (later, laterToken) = await CreateSessionAsync("west.safety", "管理员专题培训", TrainingAudience.Administrator);
        try
        {
            app.Clock.Set(new DateTimeOffset(2026, 10, 22, 0, 0, 1, TimeSpan.FromHours(8)));
            Assert.Equal(HttpStatusCode.Gone, (await CheckInAsync(anonymous, laterToken, "管理员2", "13900000002")).StatusCode);
            Assert.Equal(0, await AttendanceCountAsync(later));
            app.Clock.Set(new DateTimeOffset(2026, 10, 21, 23, 59, 0, TimeSpan.FromHours(8)));
            Assert.Equal(HttpStatusCode.OK, (await CheckInAsync(anonymous, laterToken, "管理员2", "13900000002")).StatusCode);
            Assert.Equal(1, await AttendanceCountAsync(later));
        }
        finally
        {
            app.Clock.Set(EducationFixture.Now);
        }
    }

    [Fact]
    public async Task KeepSessionsAndPeopleInsideTheirCounty()
    {
        var (session, _) = await CreateSessionAsync("west.safety", "西县内部培训", TrainingAudience.All);
        Assert.Null(await app.AsAsync("east.safety", sp => sp.GetRequiredService<TrainingService>().FindAsync(session)));
        var (eastSession, _) = await CreateSessionAsync("east.safety", "东县培训", TrainingAudience.All);
        var guard = await PersonAsync("张保安");
        var ex = await Assert.ThrowsAsync<DomainException>(() => app.AsAsync("east.safety", sp => sp.GetRequiredService<TrainingService>().RecordAsync(eastSession, [guard])));
        Assert.Equal("Education.PersonUnknown", ex.Code);
        using var east = await app.LoginAsync("east.safety", TestUsers.Password);
        var response = await east.GetAsync($"/education/trainings/{session}");
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{response.StatusCode} {response.Headers.Location}");

        // The list's Excel has the county's own sessions only, with the columns on screen.
        var export = await east.GetAsync($"/education/trainings.xlsx?year={EducationFixture.Now.Year}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var text = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText;
        Assert.Contains("培训日期", text, StringComparison.Ordinal);
        Assert.Contains("东县培训", text, StringComparison.Ordinal);
        Assert.DoesNotContain("西县内部培训", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountPeopleTrainedAtLeastOnceInTheYear()
    {
        var (session, _) = await CreateSessionAsync("west.safety", "年度安全管理培训", TrainingAudience.Administrator);
        var people = new List<Guid>();
        foreach (var n in new[] { "管理员3", "管理员4", "管理员5" })
        {
            people.Add(await PersonAsync(n));
        }

        await app.AsAsync("west.safety", sp => sp.GetRequiredService<TrainingService>().RecordAsync(session, people));
        var report = await app.AsAsync("west.safety", sp => sp.GetRequiredService<TrainingRates>().ReportAsync(2026));
        var b1 = report.Schools.Single(s => s.SchoolId == app.B1.Id);
        var kb = report.Schools.Single(s => s.SchoolId == app.Kb.Id);
        Assert.Equal(11, b1.People); // nine post holders, a guard, a bus driver (retired holders do not count)
        Assert.InRange(b1.Trained, 3, 6);
        Assert.Equal(0, b1.VacantPosts);
        Assert.Equal((0, 9), (kb.People, kb.VacantPosts));
        var lastYear = await app.AsAsync("west.safety", sp => sp.GetRequiredService<TrainingRates>().ReportAsync(2025));
        Assert.Equal(0, lastYear.Total.Trained);

        using var client = await app.LoginAsync("west.safety", TestUsers.Password);
        var page = await client.GetStringAsync("/education/training-rates");
        Assert.Contains("data-row=\"明德小学\"", page, StringComparison.Ordinal);
        var xlsx = await client.GetAsync("/education/training-rates.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
    }
}
