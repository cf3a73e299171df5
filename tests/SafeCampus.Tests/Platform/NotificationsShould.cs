using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Notifications;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Platform;

/// <summary>Notifier idempotency, the e-mail dispatch job and the /notifications page. Each test uses its own demo user.</summary>
public sealed partial class NotificationsShould(NotificationsShould.Fixture app) : IClassFixture<NotificationsShould.Fixture>
{
    public sealed class Fixture : DemoAppFactory;

    [Fact]
    public async Task WriteOneNotificationPerIdempotencyKey()
    {
        var key = $"test:once:{Guid.NewGuid():N}";
        Assert.True(await NotifyAsync("qs.admin", key));
        Assert.False(await NotifyAsync("qs.admin", key));
        Assert.Equal(1, await CountAsync(n => n.IdempotencyKey == key));
    }

    [Fact]
    public async Task WriteOneNotificationWhenTheSameKeyArrivesConcurrently()
    {
        var key = $"test:race:{Guid.NewGuid():N}";
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => NotifyAsync("qs.safety", key))));
        Assert.Single(results, true);
        Assert.Equal(1, await CountAsync(n => n.IdempotencyKey == key));
    }

    [Fact]
    public async Task SendOneEmailPerNotificationAndNothingOnTheSecondRun()
    {
        var run = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await NotifyAsync("city.safety", $"test:mail:{run}:{i}", $"邮件测试 {i}"));
        }

        Assert.True(await NotifyAsync("city.safety", $"test:mail:{run}:in-app-only", "仅站内", email: false));
        var pending = await CountAsync(n => n.EmailState == EmailState.Pending);
        var filesBefore = MailFiles().Length;

        Assert.Equal(pending, await DispatchAsync());
        var files = MailFiles();
        Assert.Equal(filesBefore + pending, files.Length);
        Assert.Equal(3, files.Count(f => File.ReadAllText(f).Contains("city.safety@demo.safecampus.local", StringComparison.Ordinal)));
        Assert.Equal(3, await CountAsync(n => n.IdempotencyKey.StartsWith($"test:mail:{run}:") && n.EmailState == EmailState.Sent && n.EmailSentAt != null));
        Assert.Equal(1, await CountAsync(n => n.IdempotencyKey == $"test:mail:{run}:in-app-only" && n.EmailState == EmailState.None));

        Assert.Equal(0, await DispatchAsync());
        Assert.Equal(files.Length, MailFiles().Length);
    }

    [Fact]
    public async Task SendAgainAtMostTheMailInFlightWhenARunDiesMidBatchWithTheSameMessageId()
    {
        var run = Guid.NewGuid().ToString("N");
        await DispatchAsync(); // nothing of earlier tests left pending
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await NotifyAsync("yx.admin", $"test:crash:{run}:{i:00}", $"崩溃测试 {i}"));
        }

        var options = Microsoft.Extensions.Options.Options.Create(new EmailOptions { PickupDirectory = app.MailDirectory, Parallelism = 1 });
        var real = new SmtpEmailSender(options, app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>());
        var calls = new List<OutgoingMail>();
        // The process dies right after the 4th mail has gone out, before the run could mark it.
        var dying = new RecordingSender(real, calls, dieAfter: 4);
        await Assert.ThrowsAsync<ProcessKilledException>(() => DispatchAsync(dying, options));
        Assert.Equal(3, await CountAsync(n => n.IdempotencyKey.StartsWith($"test:crash:{run}:") && n.EmailState == EmailState.Sent));

        // A run before the claim has expired leaves the dead run's mails alone; after it, they are taken over.
        Assert.Equal(0, await DispatchAsync(new RecordingSender(real, calls), options));
        app.Clock.Advance(TimeSpan.FromSeconds(options.Value.ClaimSeconds + 1));
        Assert.Equal(7, await DispatchAsync(new RecordingSender(real, calls), options));

        Assert.Equal(11, calls.Count); // ten mails, and the one in flight once more
        var again = calls.GroupBy(c => c.MessageId).Where(g => g.Count() > 1).ToList();
        var resent = Assert.Single(again);
        Assert.Equal(calls[3].MessageId, resent.Key); // the mail in flight when the run died
        Assert.Equal(10, await CountAsync(n => n.IdempotencyKey.StartsWith($"test:crash:{run}:") && n.EmailState == EmailState.Sent));

        // One pickup file per mail (a resend replaces its own file), none empty, none half-written left behind.
        var names = MailFiles().Select(Path.GetFileName).ToHashSet();
        var files = calls.Select(c => c.FileName).Distinct().ToList();
        Assert.Equal(10, files.Count);
        Assert.All(files, f => Assert.Contains(f, names));
        Assert.All(MailFiles(), f => Assert.True(new FileInfo(f).Length > 0));
        Assert.DoesNotContain(Directory.GetFiles(app.MailDirectory, "*", SearchOption.AllDirectories), f => !f.EndsWith(".eml", StringComparison.Ordinal));
        Assert.Contains($"Message-ID: {resent.Key}", File.ReadAllText(Path.Combine(app.MailDirectory, resent.First().FileName)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GiveEachMailAMessageIdFromItsIdempotencyKey()
    {
        var key = $"test:msgid:{Guid.NewGuid():N}";
        Assert.True(await NotifyAsync("qssx.principal", key, "编号测试"));
        await DispatchAsync();
        var id = OutgoingMail.MessageIdFor(key, "safecampus@localhost");
        Assert.Matches("^<[0-9a-f]{32}@localhost>$", id);
        var file = Path.Combine(app.MailDirectory, id.Trim('<', '>').Split('@')[0] + ".eml");
        Assert.Contains($"Message-ID: {id}", File.ReadAllText(file), StringComparison.OrdinalIgnoreCase);
    }

    private sealed class ProcessKilledException : Exception;

    private sealed class RecordingSender(IEmailSender inner, List<OutgoingMail> calls, int dieAfter = int.MaxValue) : IEmailSender
    {
        public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
        {
            await inner.SendAsync(mail, ct);
            lock (calls)
            {
                calls.Add(mail);
            }

            if (--dieAfter == 0)
            {
                throw new ProcessKilledException();
            }
        }
    }

    private async Task<int> DispatchAsync(IEmailSender sender, Microsoft.Extensions.Options.IOptions<EmailOptions> options)
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        var job = ActivatorUtilities.CreateInstance<EmailDispatchJob>(scope.ServiceProvider, sender, options);
        return await job.DispatchAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ShowTheUnreadCountInTheHeader()
    {
        var run = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 3; i++)
        {
            await NotifyAsync("yx.safety", $"test:badge:{run}:{i}");
        }

        var userId = await UserIdAsync("yx.safety");
        var client = await app.LoginAsync("yx.safety");
        var unread = await CountAsync(n => n.UserId == userId && n.ReadAt == null);
        Assert.Equal(3, unread);
        Assert.Equal(unread, UnreadBadge(await client.GetStringAsync("/")));

        var first = (await IdsOnPageAsync(client, "/notifications"))[0];
        var response = await client.PostFormAsync("/notifications", "notifications-read", new() { ["Input.Id"] = first.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, UnreadBadge(await client.GetStringAsync("/notifications")));
    }

    [Fact]
    public async Task ListNewestFirstWithUnreadHighlighted()
    {
        var run = Guid.NewGuid().ToString("N");
        foreach (var name in new[] { "最早", "其次", "最新" })
        {
            await NotifyAsync("qs1z.principal", $"test:order:{run}:{name}", $"通知{name}", link: "/org/my-school");
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await NotifyAsync("qs1z.principal", $"test:order:{run}:bad-link", "坏链接", link: "javascript:alert(1)");
        var userId = await UserIdAsync("qs1z.principal");
        var oldest = await SingleAsync($"test:order:{run}:最早");
        await using (var scope = await app.ScopeAsAsync("qs1z.principal"))
        {
            await scope.ServiceProvider.GetRequiredService<Notifier>().MarkReadAsync(userId, oldest.Id);
        }

        var client = await app.LoginAsync("qs1z.principal");
        var html = await client.GetStringAsync("/notifications");
        var titles = TitleRegex().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["坏链接", "通知最新", "通知其次", "通知最早"], titles);
        Assert.Equal(3, UnreadItemRegex().Count(html));
        Assert.DoesNotMatch($"<li class=\"unread\" data-id=\"{oldest.Id}\"", html);
        Assert.Matches($"<li data-id=\"{oldest.Id}\"", html);
        Assert.Contains(China.Format(oldest.CreatedAt), html, StringComparison.Ordinal);
        Assert.Contains("href=\"/org/my-school\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.Contains("全部标为已读", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkOneNotificationReadFromItsButton()
    {
        var run = Guid.NewGuid().ToString("N");
        await NotifyAsync("qs1z.director", $"test:one:{run}:a");
        await NotifyAsync("qs1z.director", $"test:one:{run}:b");
        var a = await SingleAsync($"test:one:{run}:a");
        var client = await app.LoginAsync("qs1z.director");

        var response = await client.PostFormAsync("/notifications", "notifications-read", new() { ["Input.Id"] = a.Id.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/notifications", response.Headers.Location?.PathAndQuery());
        Assert.NotNull((await SingleAsync($"test:one:{run}:a")).ReadAt);
        Assert.Null((await SingleAsync($"test:one:{run}:b")).ReadAt);
    }

    [Fact]
    public async Task MarkAllOfTheUsersNotificationsReadAndNoOneElses()
    {
        var run = Guid.NewGuid().ToString("N");
        await NotifyAsync("qssx.principal", $"test:all:{run}:1");
        await NotifyAsync("qssx.principal", $"test:all:{run}:2");
        await NotifyAsync("qssx.director", $"test:all:{run}:other");
        var userId = await UserIdAsync("qssx.principal");
        var client = await app.LoginAsync("qssx.principal");

        var response = await client.PostFormAsync("/notifications", "notifications-read", new() { ["Input.All"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, await CountAsync(n => n.UserId == userId && n.ReadAt == null));
        Assert.Null((await SingleAsync($"test:all:{run}:other")).ReadAt);
        Assert.Null(UnreadBadge(await client.GetStringAsync("/notifications")));
    }

    [Fact]
    public async Task IgnoreAnotherUsersNotificationId()
    {
        var run = Guid.NewGuid().ToString("N");
        await NotifyAsync("qssx.director", $"test:steal:{run}:same-school");
        await NotifyAsync("yxyey.principal", $"test:steal:{run}:other-county");
        var client = await app.LoginAsync("yxyey.director");

        foreach (var key in new[] { $"test:steal:{run}:same-school", $"test:steal:{run}:other-county" })
        {
            var target = await SingleAsync(key);
            await client.PostFormAsync("/notifications", "notifications-read", new() { ["Input.Id"] = target.Id.ToString() });
            Assert.Null((await SingleAsync(key)).ReadAt);
        }
    }

    [Fact]
    public async Task RefuseAPostWithoutTheAntiforgeryToken()
    {
        await NotifyAsync("yx.admin", $"test:csrf:{Guid.NewGuid():N}");
        var userId = await UserIdAsync("yx.admin");
        var client = await app.LoginAsync("yx.admin");
        var unread = await CountAsync(n => n.UserId == userId && n.ReadAt == null);

        var response = await client.PostAsync("/notifications", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "notifications-read", ["Input.All"] = "true",
        }));
        var legacy = await client.PostAsync("/notifications/read", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, legacy.StatusCode);
        Assert.True(unread > 0);
        Assert.Equal(unread, await CountAsync(n => n.UserId == userId && n.ReadAt == null));
    }

    [Fact]
    public async Task ShowTwentyNotificationsPerPage()
    {
        var run = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 25; i++)
        {
            await NotifyAsync("city.admin", $"test:page:{run}:{i:00}", $"分页 {i:00}", email: false);
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var client = await app.LoginAsync("city.admin");
        var first = await client.GetStringAsync("/notifications");
        var second = await client.GetStringAsync("/notifications?page=2");

        Assert.Equal(20, ItemRegex().Count(first));
        Assert.Equal(5, ItemRegex().Count(second));
        Assert.Contains("第 1 / 2 页，共 25 条", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/notifications?page=2\"", first, StringComparison.Ordinal);
        Assert.Equal("分页 24", TitleRegex().Match(first).Groups[1].Value);
        Assert.Equal("分页 04", TitleRegex().Match(second).Groups[1].Value);
        Assert.Contains("href=\"/notifications\"", second, StringComparison.Ordinal);
    }

    private async Task<bool> NotifyAsync(string userName, string key, string title = "测试通知", bool email = true, string? link = null)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        var userId = scope.ServiceProvider.GetRequiredService<TenantScope>().UserId!;
        return await scope.ServiceProvider.GetRequiredService<Notifier>()
            .NotifyAsync(new NotificationMessage(userId, key, title, "测试正文", link, email));
    }

    private async Task<int> DispatchAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
        var job = ActivatorUtilities.CreateInstance<EmailDispatchJob>(scope.ServiceProvider);
        return await job.DispatchAsync(CancellationToken.None);
    }

    private string[] MailFiles() =>
        Directory.Exists(app.MailDirectory) ? Directory.GetFiles(app.MailDirectory, "*.eml") : [];

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<Notification, bool>> predicate)
    {
        await using var db = TestDatabase.CreateSystemContext(app.ConnectionString);
        return await db.Notifications.CountAsync(predicate);
    }

    private async Task<Notification> SingleAsync(string key)
    {
        await using var db = TestDatabase.CreateSystemContext(app.ConnectionString);
        return await db.Notifications.AsNoTracking().SingleAsync(n => n.IdempotencyKey == key);
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = TestDatabase.CreateSystemContext(app.ConnectionString);
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private static async Task<List<Guid>> IdsOnPageAsync(HttpClient client, string url) =>
        ItemRegex().Matches(await client.GetStringAsync(url)).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();

    private static int? UnreadBadge(string html) =>
        BadgeRegex().Match(html) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("data-testid=\"unread\">(\\d+)<")]
    private static partial Regex BadgeRegex();

    [GeneratedRegex("<li (?:class=\"unread\" )?data-id=\"([0-9a-f-]{36})\"")]
    private static partial Regex ItemRegex();

    [GeneratedRegex("<li class=\"unread\" data-id=")]
    private static partial Regex UnreadItemRegex();

    [GeneratedRegex("<strong>([^<]*)</strong>")]
    private static partial Regex TitleRegex();
}
