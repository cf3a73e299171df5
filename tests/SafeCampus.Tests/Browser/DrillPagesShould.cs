using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SafeCampus.Tests.Drills.SchoolSide;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class DrillPagesShould(BrowserFixture app)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LetASafetyDirectorSchedulePhotographAndFileADrill(bool phone)
    {
        var size = phone ? "360" : "desktop";
        var page = await app.NewPageAsync(phone);
        await BrowserFixture.LoginAsync(page, "qs1z.director");

        await page.GetByRole(AriaRole.Link, new() { Name = "应急演练", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "应急演练", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("requirements")).ToContainTextAsync("本学期消防疏散演练至少 1 次");
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"drills-school-{size}");

        await page.GetByTestId("new-drill").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登记演练", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[name='Input.Date']")).ToHaveValueAsync(DrillWords(app.Clock.Today()));
        await Assertions.Expect(page.Locator("input[name='Input.Organiser']")).ToHaveValueAsync("孙国华");
        await page.Locator("select[name='Input.KindId']").SelectOptionAsync(new SelectOptionValue { Label = "消防疏散" });
        await page.Locator("input[name='Input.StartTime']").FillAsync("09:30");
        await page.Locator("input[name='Input.Scenario']").FillAsync("教学楼三楼化学实验室起火");
        await page.Locator("input[name='Input.Location']").FillAsync("教学楼、操场");
        await page.Locator("textarea[name='Input.PlanText']").FillAsync("警报响起后，各班按预定路线疏散到操场集合，班主任清点人数。");
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"drills-new-{size}");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存演练计划" }).ClickAsync();

        await page.WaitForURLAsync(DonePattern("scheduled"));
        await Assertions.Expect(page.GetByTestId("done")).ToBeVisibleAsync();
        var id = Guid.Parse(DrillIdRegex().Match(page.Url).Groups[1].Value);

        // A large photo: the page's script shrinks it to a JPEG of at most 1600 px before upload.
        var photo = Path.Combine(Path.GetTempPath(), $"drill-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, TestImages.Png(2400, 1200));
        try
        {
            await page.Locator("input[name='Photos']").SetInputFilesAsync(photo);
            await page.GetByTestId("upload").ClickAsync();
            await page.WaitForURLAsync(DonePattern("photo"));
        }
        finally
        {
            File.Delete(photo);
        }

        await Assertions.Expect(page.GetByTestId("photos").Locator("img")).ToHaveCountAsync(1);
        var stored = await StoredPhotoAsync(id);
        Assert.Equal("image/jpeg", stored.ContentType);
        Assert.Equal((1600, 800), JpegSize(stored.Content));
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"drills-detail-before-{size}");

        // Too many students: the server refuses, says why next to the field and keeps what was typed.
        await page.Locator("input[name='Filing.Students']").FillAsync("3000");
        await page.Locator("input[name='Filing.Staff']").FillAsync("230");
        await page.Locator("textarea[name='Filing.Summary']").FillAsync("全体师生 3 分 25 秒疏散完毕，秩序良好。");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交给教育局备案" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("参加人数不能超过学校在册学生数或教职工数。");
        await Assertions.Expect(page.Locator("#Students-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[name='Filing.Students']")).ToHaveValueAsync("3000");
        await Assertions.Expect(page.Locator("textarea[name='Filing.Summary']")).ToHaveValueAsync("全体师生 3 分 25 秒疏散完毕，秩序良好。");
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"drills-detail-error-{size}");

        await page.Locator("input[name='Filing.Students']").FillAsync("2800");
        await page.Locator("input[name='Filing.Staff']").FillAsync("230");
        await page.Locator("input[name='Filing.Minutes']").FillAsync("3");
        await page.Locator("input[name='Filing.Seconds']").FillAsync("25");
        await page.Locator("textarea[name='Filing.Summary']").FillAsync("全体师生 3 分 25 秒疏散完毕，秩序良好。");
        await page.Locator("textarea[name='Filing.Problems']").FillAsync("东楼梯拥挤\n个别学生未捂口鼻");
        await page.Locator("textarea[name='Filing.Improvements']").FillAsync("东楼梯增加引导员。");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交给教育局备案" }).ClickAsync();

        await page.WaitForURLAsync(DonePattern("filed"));
        await Assertions.Expect(page.Locator(".title-row .chip")).ToHaveTextAsync("待审核");
        await Assertions.Expect(page.GetByTestId("rate")).ToHaveTextAsync("97.9%（3,030/3,096）");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "提交给教育局备案" })).ToHaveCountAsync(0);
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"drills-detail-after-{size}");

        await page.GetByRole(AriaRole.Link, new() { Name = "应急演练", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("drills").Locator($"a[href='/drills/{id}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("drills")).ToContainTextAsync("待审核");
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ShotAsync(page, $"drills-school-filed-{size}");
    }

    private static string DrillWords(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Regex DonePattern(string done) => new($"/drills/[0-9a-f-]{{36}}\\?done={done}");

    private async Task<StoredFile> StoredPhotoAsync(Guid drillId)
    {
        var scope = new TenantScope();
        using var _ = scope.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, scope);
        var fileId = (await db.Drills.AsNoTracking().SingleAsync(d => d.Id == drillId)).Photos.Single().FileId;
        return await db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == fileId);
    }

    /// <summary>Width and height from a JPEG's start-of-frame segment.</summary>
    private static (int Width, int Height) JpegSize(byte[] jpeg)
    {
        for (var i = 2; i + 9 < jpeg.Length;)
        {
            if (jpeg[i] != 0xFF)
            {
                i++;
                continue;
            }

            var marker = jpeg[i + 1];
            if (marker is >= 0xC0 and <= 0xC3)
            {
                return ((jpeg[i + 7] << 8) | jpeg[i + 8], (jpeg[i + 5] << 8) | jpeg[i + 6]);
            }

            i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
        }

        throw new InvalidOperationException("no frame header in the JPEG");
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways");
    }

    [GeneratedRegex("/drills/([0-9a-f-]{36})")]
    private static partial Regex DrillIdRegex();
}
