using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SafeCampus.Tests.Drills.SchoolSide;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Browser;

/// <summary>A photo posted on a failing connection is resent, or kept on the phone and restored later: never lost.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DurableFormsShould(BrowserFixture app)
{
    private async Task<Guid> NewDrillAsync(IPage page)
    {
        await page.GotoAsync("/drills/new");
        await page.Locator("select[name='Input.KindId']").SelectOptionAsync(new SelectOptionValue { Label = "消防疏散" });
        await page.Locator("input[name='Input.Scenario']").FillAsync("弱网测试：食堂起火");
        await page.Locator("input[name='Input.Location']").FillAsync("食堂");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存演练计划" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("done=scheduled"));
        return Guid.Parse(page.Url.Split('/')[^1].Split('?')[0]);
    }

    private async Task<int> PhotoCountAsync(Guid drillId)
    {
        var scope = new TenantScope();
        using var _ = scope.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, scope);
        return (await db.Drills.AsNoTracking().SingleAsync(d => d.Id == drillId)).Photos.Count;
    }

    private static async Task<string> PhotoFileAsync()
    {
        var photo = Path.Combine(Path.GetTempPath(), $"gate-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, TestImages.Png(800, 600));
        return photo;
    }

    [Fact]
    public async Task ResendAPhotoWhenTheConnectionComesBack()
    {
        var page = await app.NewPageAsync(phone: true);
        await BrowserFixture.LoginAsync(page, "qs1z.director");
        var id = await NewDrillAsync(page);
        var photo = await PhotoFileAsync();

        await page.Context.SetOfflineAsync(true);
        await page.Locator("input[name='Photos']").SetInputFilesAsync(photo);
        await page.GetByTestId("upload").ClickAsync();
        await Assertions.Expect(page.Locator("[data-photo-status]")).ToContainTextAsync("网络不稳定，正在第 1 次重试");
        await BrowserFixture.ShotAsync(page, "durable-retrying-360");
        Assert.Equal(0, await PhotoCountAsync(id));

        await page.Context.SetOfflineAsync(false);
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("done=photo"));
        await Assertions.Expect(page.GetByTestId("photos").Locator("img")).ToHaveCountAsync(1);
        Assert.Equal(1, await PhotoCountAsync(id));
        File.Delete(photo);
    }

    [Fact]
    public async Task KeepAPhotoOnThePhoneWhenThePageIsLeftOfflineAndRestoreItOnTheNextVisit()
    {
        var page = await app.NewPageAsync(phone: true);
        await BrowserFixture.LoginAsync(page, "qs1z.director");
        var id = await NewDrillAsync(page);
        var photo = await PhotoFileAsync();

        await page.Context.SetOfflineAsync(true);
        await page.Locator("input[name='Photos']").SetInputFilesAsync(photo);
        await page.GetByTestId("upload").ClickAsync();
        await Assertions.Expect(page.Locator("[data-photo-status]")).ToContainTextAsync("正在第 1 次重试");
        File.Delete(photo); // the copy on the phone no longer depends on the file the user picked
        await page.CloseAsync();

        var later = await page.Context.NewPageAsync();
        await page.Context.SetOfflineAsync(false);
        await later.GotoAsync($"/drills/{id}");
        var offer = later.Locator("[data-durable-offer]");
        await Assertions.Expect(offer).ToContainTextAsync("本机有 1 条未提交的记录");
        await BrowserFixture.ShotAsync(later, "durable-offer-360");
        Assert.Equal(0, await PhotoCountAsync(id));

        await offer.GetByRole(AriaRole.Button, new() { Name = "恢复并提交" }).ClickAsync();
        await later.WaitForURLAsync(new System.Text.RegularExpressions.Regex("done=photo"));
        await Assertions.Expect(later.GetByTestId("photos").Locator("img")).ToHaveCountAsync(1);
        Assert.Equal(1, await PhotoCountAsync(id));

        // Delivered: the copy is gone, nothing is offered again.
        await later.GotoAsync($"/drills/{id}");
        await Assertions.Expect(later.GetByTestId("photos").Locator("img")).ToHaveCountAsync(1);
        await Assertions.Expect(later.Locator("[data-durable-offer]")).ToHaveCountAsync(0);
    }
}
