using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Education;

namespace SafeCampus.Tests.Education;

/// <summary>Bad lesson and class input gets a Chinese message and changes nothing; classes from the roster; tenancy of the writes.</summary>
public sealed class LessonInputShould(EducationFixture app) : IClassFixture<EducationFixture>
{
    private static DateOnly D(int m, int d) => new(2026, m, d);

    private async Task<int> LessonCountAsync()
    {
        await using var db = app.SystemContext();
        return await db.Lessons.CountAsync();
    }

    [Theory]
    [InlineData(10, 21, "Education.LessonInFuture")]
    [InlineData(8, 31, "Education.LessonOutsideTerm")]
    public async Task RefuseALessonInTheFutureOrOutsideTheTerm(int month, int day, string code)
    {
        var before = await LessonCountAsync();
        var ex = await Assert.ThrowsAsync<DomainException>(() => app.RecordAsync("b1.director", D(month, day), "交通安全", app.Class(app.B1, "一年级1班")));
        Assert.Equal(code, ex.Code);
        Assert.Matches("[\u4e00-\u9fff]", ex.LocalizedMessage());
        Assert.Equal(before, await LessonCountAsync());
    }

    [Fact]
    public async Task RefuseAClassOfAnotherSchoolAndWriteNoneOfTheBatch()
    {
        var before = await LessonCountAsync();
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            app.RecordAsync("b1.director", D(10, 12), "交通安全", app.Class(app.B1, "一年级1班"), app.Class(app.A1, "一年级1班")));
        Assert.Equal("Education.ClassUnknown", ex.Code);
        Assert.Equal(before, await LessonCountAsync());
    }

    [Fact]
    public async Task RefuseTheSameTopicTwiceOnADayNamingTheClass()
    {
        var c = app.Class(app.B1, "一年级2班");
        await app.RecordAsync("b1.director", D(10, 13), "用电安全", c);
        var before = await LessonCountAsync();
        var ex = await Assert.ThrowsAsync<DomainException>(() => app.RecordAsync("b1.director", D(10, 13), "用电安全", c, app.Class(app.B1, "一年级1班")));
        Assert.Equal("Education.LessonDuplicate", ex.Code);
        Assert.Contains("一年级2班", ex.LocalizedMessage(), StringComparison.Ordinal);
        Assert.Equal(before, await LessonCountAsync());
    }

    [Fact]
    public async Task AnswerTheFormWithAChineseMessageNextToTheDate()
    {
        using var client = await app.LoginAsync("b1.director", TestUsers.Password);
        var before = await LessonCountAsync();
        var response = await client.PostMultipartAsync("/education/lessons/new", "lessons-new", new()
        {
            ["Input.ClassIds"] = app.Class(app.B1, "一年级1班").ToString(),
            ["Input.Date"] = "2026-10-30",
            ["Input.Topic"] = "交通安全",
            ["Input.Teacher"] = "王老师",
            ["Input.Minutes"] = "40",
        }, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(DomainText.Education_LessonInFuture, Forms.ErrorText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await LessonCountAsync());

        var ok = await client.PostMultipartAsync("/education/lessons/new", "lessons-new", new()
        {
            ["Input.ClassIds"] = app.Class(app.B1, "一年级1班").ToString(),
            ["Input.Date"] = "2026-10-19",
            ["Input.Topic"] = "",
            ["Input.TopicOther"] = "防范电信诈骗",
            ["Input.Teacher"] = "王老师",
            ["Input.Minutes"] = "40",
        }, null);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/education?done=lessons&n=1", ok.Headers.Location!.PathAndQuery());
        await using var db = app.SystemContext();
        Assert.True(await db.Lessons.AnyAsync(l => l.Topic == "防范电信诈骗" && l.SchoolId == app.B1.Id));
    }

    [Fact]
    public async Task LetStaffReadButNotRecord()
    {
        using var client = await app.LoginAsync("b1.teacher", TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/education")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/education/lessons/new")).StatusCode);
    }

    [Fact]
    public async Task RefuseAClassNameTwice()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => app.AsAsync("kb.director", sp => sp.GetRequiredService<LessonService>().AddClassesAsync("中班", ["中(1)班", "小(1)班"])));
        Assert.Equal("Education.ClassDuplicate", ex.Code);
        Assert.Contains("小(1)班", ex.LocalizedMessage(), StringComparison.Ordinal);
        await using var db = app.SystemContext();
        Assert.False(await db.SchoolClasses.AnyAsync(c => c.Name == "中(1)班"));
    }
}
