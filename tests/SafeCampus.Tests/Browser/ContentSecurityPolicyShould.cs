using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Data.Seeding;
using SafeCampus.Web.Features.Pledges;
using SafeCampus.Web.Infrastructure.Scheduling;

namespace SafeCampus.Tests.Browser;

/// <summary>
/// The Content-Security-Policy does not break the app: Chromium reports no violation on a crawl of the main pages
/// as each role, moving between pages by enhanced navigation (clicking the menu) as users do, and using what the
/// pages' scripts do: shrinking a photo before upload, drawing a signature, the durable forms, the school finder.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyShould(BrowserFixture app)
{
    /// <summary>Every violation the page's documents report, and Chromium's console errors about the policy.</summary>
    private sealed class Violations
    {
        private readonly ConcurrentQueue<string> _seen = new();

        public static async Task<(IPage Page, Violations Seen)> OpenAsync(BrowserFixture app, bool phone = false)
        {
            var page = await app.NewPageAsync(phone);
            var seen = new Violations();
            await page.Context.ExposeFunctionAsync("__cspViolation", (string text) => seen._seen.Enqueue(text));
            await page.Context.AddInitScriptAsync("""
                document.addEventListener('securitypolicyviolation', e =>
                  window.__cspViolation(`${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} ${e.sample || ''}`));
                """);
            page.Console += (_, m) =>
            {
                if (m.Type == "error" && (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Text.Contains("Refused to", StringComparison.Ordinal)))
                {
                    seen._seen.Enqueue($"{page.Url}: {m.Text}");
                }
            };
            return (page, seen);
        }

        public void AssertNone(string who) =>
            Assert.True(_seen.IsEmpty, $"{who}: {_seen.Count} policy violations:\n" + string.Join("\n", _seen.Distinct().Take(30)));
    }

    /// <summary>Goes to a page by clicking its menu link when the current page has one (enhanced navigation), else loads it.</summary>
    private static async Task VisitAsync(IPage page, string path)
    {
        var link = page.Locator($"nav a[href='{path}']");
        if (await link.CountAsync() > 0)
        {
            await link.First.ClickAsync();
            await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == path);
        }
        else
        {
            await page.GotoAsync(path);
        }

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    [Fact]
    public async Task ReportNoViolationForASchoolsDirectorPrincipalAndStaff()
    {
        var month = app.Clock.Today().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var user in new[] { "qs1z.director", "qs1z.principal", "qs1z.teacher" })
        {
            var (page, seen) = await Violations.OpenAsync(app, phone: user == "qs1z.director");
            await BrowserFixture.LoginAsync(page, user);
            foreach (var path in new[] { "/", "/org/my-school", "/drills", "/drills/new", "/pledges", "/hazards", "/hazards/new", "/hazards/self-check",
                         "/defences", $"/defences/{month}", "/notifications", "/account/change-password" })
            {
                await VisitAsync(page, path);
            }

            seen.AssertNone(user);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task ReportNoViolationWhileAPhotoIsShrunkAndAHazardShownWithIt()
    {
        var (page, seen) = await Violations.OpenAsync(app, phone: true);
        await BrowserFixture.LoginAsync(page, "qssx.director");
        await VisitAsync(page, "/hazards");
        await page.GotoAsync("/hazards/new");
        await page.Locator("input[name='Input.Place']").FillAsync("操场东侧看台");
        await page.Locator("textarea[name='Input.Description']").FillAsync("看台栏杆松动");
        await page.Locator("select[name='Input.Area']").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        var photo = Path.Combine(Path.GetTempPath(), $"csp-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, SafeCampus.Tests.Drills.SchoolSide.TestImages.Png(1600, 1200));
        await page.Locator("input[name='Photos']").SetInputFilesAsync(photo);
        await page.GetByTestId("save-hazard").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("done=reported"));
        await Assertions.Expect(page.GetByTestId("photos").Locator("img")).ToHaveCountAsync(1);
        await page.GetByTestId("photos").Locator("img").First.EvaluateAsync("img => img.decode()");
        File.Delete(photo);
        seen.AssertNone("hazard with photo");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReportNoViolationWhenAPledgeIsSignedWithTheSignaturePad()
    {
        var (user, name) = await UnsignedPrincipalAsync();
        var (page, seen) = await Violations.OpenAsync(app);
        await BrowserFixture.LoginAsync(page, user);
        await VisitAsync(page, "/pledges");
        await page.GetByTestId("my-pledges").GetByRole(AriaRole.Link, new() { Name = DemoPledgesSeeder.CampaignTitle }).ClickAsync();
        var pad = page.Locator("[data-sign-pad] canvas");
        await Assertions.Expect(pad).ToBeVisibleAsync();
        await page.GetByTestId("confirm").CheckAsync();
        await page.GetByLabel("输入您的姓名以签署").FillAsync(name);
        var box = (await pad.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + 20);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 140, box.Y + 60, new() { Steps = 6 });
        await page.Mouse.UpAsync();
        await page.GetByTestId("sign").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed")).ToContainTextAsync($"{name} 已于");
        seen.AssertNone("signing");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReportNoViolationForBureausTheJobDashboardAndTheParentsPage()
    {
        var month = app.Clock.Today().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var user in new[] { "qs.safety", "city.admin" })
        {
            var (page, seen) = await Violations.OpenAsync(app);
            await BrowserFixture.LoginAsync(page, user);
            await page.GetByTestId("finder").PressSequentiallyAsync("青山"); // the interactive school finder (a circuit)
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            foreach (var path in new[] { "/org/schools", "/org/districts", "/drills/review", "/drills/compliance", "/pledges/campaigns", "/hazards",
                         "/hazards/supervision", "/hazards/figures", "/defences/bureau", $"/defences/bureau?month={month}", "/notifications" })
            {
                await VisitAsync(page, path);
            }

            if (user == "city.admin")
            {
                await page.GotoAsync(JobDashboard.Path);
                await page.GotoAsync($"{JobDashboard.Path}/recurring");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            }

            seen.AssertNone(user);
            await page.Context.CloseAsync();
        }

        var (parent, parentSeen) = await Violations.OpenAsync(app, phone: true);
        await parent.GotoAsync("/account/login");
        await parent.GotoAsync($"/r/{await ReceiptTokenAsync()}");
        await Assertions.Expect(parent.Locator("h1")).ToBeVisibleAsync();
        await parent.GotoAsync("/no-such-page");
        parentSeen.AssertNone("parent");
        await parent.Context.CloseAsync();
    }

    /// <summary>A 云溪区 principal (not one the other browser tests sign as) who has not signed the demo campaign.</summary>
    private async Task<(string User, string Name)> UnsignedPrincipalAsync() => await app.QueryAsync(async db =>
    {
        var campaign = await db.PledgeCampaigns.Where(c => c.Title == DemoPledgesSeeder.CampaignTitle).Select(c => c.Id).SingleAsync();
        var unsigned = db.PledgeSignatures.Where(s => s.CampaignId == campaign && s.SignedAt == null).Select(s => s.UserId);
        var user = await db.Users.Where(u => unsigned.Contains(u.Id) && u.UserName!.StartsWith("yx") && u.UserName.EndsWith(".principal") && u.UserName != "yxyey.principal")
            .OrderByDescending(u => u.UserName).Select(u => new { u.UserName, u.FullName }).FirstAsync();
        return (user.UserName!, user.FullName);
    });

    private async Task<string> ReceiptTokenAsync()
    {
        var protectedToken = await app.QueryAsync(db => db.NoticeReceipts.Where(r => r.AcknowledgedAt == null)
            .OrderByDescending(r => r.Id).Select(r => r.TokenProtected).FirstAsync());
        return app.Services.GetRequiredService<ReceiptTokens>().Reveal(protectedToken);
    }
}
