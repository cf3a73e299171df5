using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Education;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Browser;

/// <summary>
/// Safety education in Chromium on the demo city: a safety director records a whole grade's lesson on a 360 px
/// phone, a guard checks in to a training from a phone through its link, and 青山县's rates change accordingly.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EducationPagesShould(BrowserFixture app)
{
    private const string School = "青山县第一中学";

    private AppDbContext System()
    {
        var scope = new TenantScope();
        scope.EnterSystem("test");
        return TestDatabase.CreateContext(app.ConnectionString, scope);
    }

    private static async Task<(int Credited, int Required)> SchoolFiguresAsync(IPage page, string path, int first, int second)
    {
        await page.GotoAsync(path);
        var cells = page.Locator($"[data-testid='schools'] tr[data-row='{School}'] td");
        return (Parse(await cells.Nth(first).InnerTextAsync()), Parse(await cells.Nth(second).InnerTextAsync()));
    }

    private static int Parse(string text) => int.Parse(text.Replace(",", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task LetADirectorRecordAGradesLessonOnAPhoneAndTheCountysRateRise()
    {
        // The grade 高一 of 青山县第一中学 missed the last finished fortnight (its demo lessons there are removed).
        var today = app.Clock.Today();
        DateOnly day;
        int classes;
        await using (var db = System())
        {
            var school = await db.Schools.SingleAsync(s => s.Name == School);
            var term = (await EducationSettingsTree.LoadAsync(db, school.ScopePath)).For(school.ScopePath).TermFor(today);
            var ended = LessonMath.Intervals(term, 2).Last(i => i.End < today);
            day = Enumerable.Range(0, 14).Select(ended.Start.AddDays).First(term.IsTeachingDay);
            var grade = await db.SchoolClasses.Where(c => c.SchoolId == school.Id && c.Grade == "高一").Select(c => c.Id).ToListAsync();
            classes = grade.Count;
            await db.Lessons.Where(l => grade.Contains(l.ClassId) && l.Date >= ended.Start && l.Date <= ended.End).ExecuteDeleteAsync();
        }

        var bureau = await app.NewPageAsync();
        await BrowserFixture.LoginAsync(bureau, "qs.safety");
        var before = await SchoolFiguresAsync(bureau, "/education/rates", 3, 2);

        var phone = await app.NewPageAsync(phone: true);
        await BrowserFixture.LoginAsync(phone, "qs1z.director");
        await phone.GetByRole(AriaRole.Link, new() { Name = "安全教育", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "安全教育与培训", Level = 1 })).ToBeVisibleAsync();
        await BrowserFixture.AssertNoHorizontalScrollAsync(phone);
        await BrowserFixture.ShotAsync(phone, "education-school-360");

        await phone.GetByTestId("record-lessons").ClickAsync();
        await phone.Locator("select[name='grade']").SelectOptionAsync("高一");
        await phone.GetByTestId("choose-grade").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("class-checks").Locator("input[type=checkbox]:checked")).ToHaveCountAsync(classes);
        await phone.Locator("input[name='Input.Date']").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await phone.Locator("select[name='Input.Topic']").SelectOptionAsync("防溺水");
        await Assertions.Expect(phone.Locator("input[name='Input.Teacher']")).ToHaveValueAsync("孙国华");
        await BrowserFixture.AssertNoHorizontalScrollAsync(phone);
        await BrowserFixture.ShotAsync(phone, "education-lessons-new-360");

        // A date after today first: refused in Chinese, nothing saved, what was typed kept.
        await phone.Locator("input[name='Input.Date']").FillAsync(today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await phone.GetByTestId("save-lessons").ClickAsync();
        await Assertions.Expect(phone.Locator(".error-summary")).ToContainTextAsync("上课日期不能晚于今天");
        await Assertions.Expect(phone.Locator("select[name='Input.Topic']")).ToHaveValueAsync("防溺水");
        await BrowserFixture.ShotAsync(phone, "education-lessons-error-360");

        await phone.Locator("input[name='Input.Date']").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await phone.GetByTestId("save-lessons").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("done")).ToContainTextAsync($"已登记 {classes} 个班级的安全课");
        await BrowserFixture.AssertNoHorizontalScrollAsync(phone);

        var after = await SchoolFiguresAsync(bureau, "/education/rates", 3, 2);
        Assert.Equal(before.Required, after.Required);
        Assert.Equal(before.Credited + classes, after.Credited);
        await BrowserFixture.ShotAsync(bureau, "education-rates-desktop");
        await bureau.GetByRole(AriaRole.Link, new() { Name = School, Exact = true }).ClickAsync();
        await Assertions.Expect(bureau.GetByTestId("classes")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(bureau, "education-school-bureau-desktop");

        await bureau.GotoAsync("/");
        await Assertions.Expect(bureau.Locator(".tiles")).ToContainTextAsync("安全课开课率");
        await Assertions.Expect(bureau.Locator(".tiles")).ToContainTextAsync("安全岗位培训率");
        await BrowserFixture.ShotAsync(bureau, "education-overview-desktop");
    }

    [Fact]
    public async Task LetAGuardCheckInToATrainingFromAPhone()
    {
        string name, phoneNumber;
        await using (var db = System())
        {
            var school = await db.Schools.SingleAsync(s => s.Name == School);
            var guard = await db.SafetyPeople.Where(p => p.SchoolId == school.Id && p.Role == SafetyRole.Guard && p.IsActive).OrderBy(p => p.Name).FirstAsync();
            (name, phoneNumber) = (guard.Name, guard.Phone!);
            await db.TrainingAttendances.Where(a => a.PersonId == guard.Id).ExecuteDeleteAsync();
        }

        var bureau = await app.NewPageAsync();
        await BrowserFixture.LoginAsync(bureau, "qs.safety");
        var before = await SchoolFiguresAsync(bureau, "/education/training-rates", 2, 1);

        // The county creates the session on its page and shows the QR code and link.
        await bureau.GotoAsync("/education/trainings");
        await bureau.Locator("input[name='Input.Topic']").FillAsync("冬季校园安保专题培训");
        await bureau.Locator("input[name='Input.Trainer']").FillAsync("县公安局治安大队 刘建国");
        foreach (var role in new[] { "1", "2", "4", "5", "6" })
        {
            await bureau.Locator($"input[name='Input.Roles'][value='{role}']").UncheckAsync();
        }

        await bureau.GetByTestId("create-session").ClickAsync();
        await Assertions.Expect(bureau.GetByTestId("checkin-qr").Locator("svg")).ToBeVisibleAsync();
        var link = await bureau.GetByTestId("checkin-link").InnerTextAsync();
        await BrowserFixture.ShotAsync(bureau, "education-training-desktop");

        var guardPhone = await app.NewPageAsync(phone: true);
        await guardPhone.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(guardPhone.GetByRole(AriaRole.Heading, new() { Name = "冬季校园安保专题培训" })).ToBeVisibleAsync();
        await guardPhone.Locator("input[name='name']").FillAsync(name);
        await guardPhone.Locator("input[name='phone']").FillAsync("13000000000");
        await guardPhone.GetByRole(AriaRole.Button, new() { Name = "签到" }).ClickAsync();
        await Assertions.Expect(guardPhone.Locator(".err")).ToContainTextAsync("未在本次培训的参训名单中找到");
        await guardPhone.Locator("input[name='phone']").FillAsync(phoneNumber);
        await guardPhone.GetByRole(AriaRole.Button, new() { Name = "签到" }).ClickAsync();
        await Assertions.Expect(guardPhone.Locator("body[data-testid='done']")).ToBeVisibleAsync();
        await Assertions.Expect(guardPhone.Locator(".msg")).ToContainTextAsync(name);
        await BrowserFixture.AssertNoHorizontalScrollAsync(guardPhone);
        await BrowserFixture.ShotAsync(guardPhone, "education-checkin-360");

        await bureau.ReloadAsync();
        await Assertions.Expect(bureau.GetByTestId("attendees")).ToContainTextAsync(name);
        var after = await SchoolFiguresAsync(bureau, "/education/training-rates", 2, 1);
        Assert.Equal(before.Required, after.Required);
        Assert.Equal(before.Credited + 1, after.Credited);
        await BrowserFixture.ShotAsync(bureau, "education-training-rates-desktop");
    }

    [Fact]
    public async Task ShowTheThemeCalendarAndWhoFiledAnActivity()
    {
        var school = await app.NewPageAsync(phone: true);
        await BrowserFixture.LoginAsync(school, "qssx.director");
        await school.GotoAsync("/education/themes");
        await Assertions.Expect(school.GetByTestId("theme-calendar")).ToContainTextAsync("全国中小学生安全教育日");
        await Assertions.Expect(school.GetByTestId("activities")).ToContainTextAsync("全国交通安全日");
        await BrowserFixture.AssertNoHorizontalScrollAsync(school);
        await BrowserFixture.ShotAsync(school, "education-themes-360");

        var bureau = await app.NewPageAsync();
        await BrowserFixture.LoginAsync(bureau, "qs.safety");
        await bureau.GotoAsync("/education/themes");
        await bureau.GetByRole(AriaRole.Link, new() { Name = "全国消防日", Exact = true }).ClickAsync();
        await Assertions.Expect(bureau.GetByTestId("filings")).ToContainTextAsync("已填报");
        await BrowserFixture.ShotAsync(bureau, "education-theme-activity-desktop");
    }
}
