using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Education;

namespace SafeCampus.Tests.Education;

/// <summary>The lesson-rate arithmetic on its own: terms, teaching weeks, holidays, intervals and the credited count.</summary>
public sealed class LessonMathShould
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>The default autumn term of 2026 (Tuesday 1 September to Wednesday 20 January) with a whole week of holiday.</summary>
    private static Term Autumn2026(string holidays = "10-05~10-09 测试假") => TermCalendar.For(D(2026, 10, 20), TermCalendar.DefaultSpring, "09-01~01-20", holidays);

    [Fact]
    public void FindTheTermOfTheSemesterAcrossTheNewYear()
    {
        var term = TermCalendar.For(D(2027, 1, 10), TermCalendar.DefaultSpring, TermCalendar.DefaultAutumn, TermCalendar.DefaultHolidays);
        Assert.Equal("2026-S2", term.Key);
        Assert.Equal(D(2026, 9, 1), term.Start);
        Assert.Equal(D(2027, 1, 20), term.End);
        Assert.Contains(term.Holidays, h => h.Start == D(2027, 1, 1) && h.Name == "元旦");
        Assert.Contains(term.Holidays, h => h.Start == D(2026, 10, 1) && h.End == D(2026, 10, 7));
        Assert.DoesNotContain(term.Holidays, h => h.Name == "劳动节");

        var summer = TermCalendar.For(D(2026, 8, 15), TermCalendar.DefaultSpring, TermCalendar.DefaultAutumn, TermCalendar.DefaultHolidays);
        Assert.Equal("2026-S2", summer.Key);
        Assert.False(summer.Contains(D(2026, 8, 15)));
        var spring = TermCalendar.For(D(2026, 4, 1), TermCalendar.DefaultSpring, TermCalendar.DefaultAutumn, TermCalendar.DefaultHolidays);
        Assert.Equal(("2026-S1", D(2026, 3, 1), D(2026, 7, 10)), (spring.Key, spring.Start, spring.End));
    }

    [Theory]
    [InlineData("03-01~07-10", false, true)]
    [InlineData("03-01~08-10", false, false)]
    [InlineData("02-29~07-10", false, false)]
    [InlineData("09-01~01-20", true, true)]
    [InlineData("09-01~02-20", true, false)]
    [InlineData("09-01~09-10", true, false)]
    [InlineData("9-1~1-20", true, false)]
    public void AcceptOnlyTermsInsideTheirSemester(string range, bool autumn, bool valid) =>
        Assert.Equal(valid, TermCalendar.IsValidTerm(range, autumn));

    [Fact]
    public void CoverTheTermWithIntervalsOfTwoTeachingWeeks()
    {
        var term = Autumn2026();
        var intervals = LessonMath.Intervals(term, 2);
        Assert.Equal(term.Start, intervals[0].Start);
        Assert.Equal(term.End, intervals[^1].End);
        for (var i = 1; i < intervals.Count; i++)
        {
            Assert.Equal(intervals[i - 1].End.AddDays(1), intervals[i].Start);
            Assert.True(intervals[i].TeachingWeeks >= 2);
        }

        // The first week starts on the term's Tuesday; the holiday week (5–9 October) is no teaching week and stays
        // inside the interval that was running: 28 Sep – 18 Oct holds two teaching weeks and the holiday week.
        Assert.Equal((D(2026, 9, 1), D(2026, 9, 13)), (intervals[0].Start, intervals[0].End));
        Assert.Equal((D(2026, 9, 14), D(2026, 9, 27)), (intervals[1].Start, intervals[1].End));
        Assert.Equal((D(2026, 9, 28), D(2026, 10, 18), 2), (intervals[2].Start, intervals[2].End, intervals[2].TeachingWeeks));
    }

    [Fact]
    public void JoinAShortLastGroupToTheIntervalBefore()
    {
        // Monday 2 March to Sunday 22 March: three teaching weeks, intervals of two → one interval of three weeks.
        var term = new Term("t", D(2026, 3, 2), D(2026, 3, 22), []);
        var intervals = LessonMath.Intervals(term, 2);
        Assert.Single(intervals);
        Assert.Equal((D(2026, 3, 2), D(2026, 3, 22), 3), (intervals[0].Start, intervals[0].End, intervals[0].TeachingWeeks));
    }

    [Fact]
    public void CountAWeekWithOneTeachingDayAsATeachingWeek()
    {
        // 1–7 October are holidays, but Thursday 8 and Friday 9 are not: the week of 5 October teaches.
        var term = TermCalendar.For(D(2026, 10, 20), TermCalendar.DefaultSpring, "09-01~01-20", "10-01~10-07 国庆节");
        Assert.False(term.IsTeachingDay(D(2026, 10, 7)));
        Assert.True(term.IsTeachingDay(D(2026, 10, 8)));
        Assert.False(term.IsTeachingDay(D(2026, 10, 10)));
        var intervals = LessonMath.Intervals(term, 1);
        Assert.Contains(intervals, i => i.Start == D(2026, 10, 5) && i.End == D(2026, 10, 11));
    }

    [Fact]
    public void RequireOnlyEndedIntervalsAndCreditEachUpToItsCount()
    {
        var intervals = LessonMath.Intervals(Autumn2026(), 2);

        // On 18 October the third interval ends: two intervals are due. The first has two lessons, the second none.
        var lessons = new[] { D(2026, 9, 2), D(2026, 9, 10), D(2026, 10, 6), D(2026, 10, 19) };
        var onLastDay = LessonMath.Figures(intervals, 1, lessons, D(2026, 10, 18));
        Assert.Equal((2, 1, 3), (onLastDay.Required, onLastDay.Credited, onLastDay.Held));
        Assert.Equal(D(2026, 10, 18), onLastDay.Current!.End);
        Assert.Equal(0, onLastDay.CurrentMissing); // the lesson on 6 October, a holiday, is inside the interval

        // The day after, the third interval is due too and counts its holiday lesson; the next one is current.
        var dayAfter = LessonMath.Figures(intervals, 1, lessons, D(2026, 10, 19));
        Assert.Equal((3, 2, 4), (dayAfter.Required, dayAfter.Credited, dayAfter.Held));
        Assert.Equal(D(2026, 10, 19), dayAfter.Current!.Start);
        Assert.True(dayAfter.Behind);
    }

    [Fact]
    public void RequireNothingBeforeTheTermAndEverythingAfterIt()
    {
        var term = Autumn2026();
        var intervals = LessonMath.Intervals(term, 2);
        var before = LessonMath.Figures(intervals, 1, [], D(2026, 8, 20));
        Assert.Equal((0, 0, (LessonInterval?)null), (before.Required, before.Credited, before.Current));
        var after = LessonMath.Figures(intervals, 2, [D(2026, 8, 31), D(2027, 1, 21)], D(2027, 2, 10));
        Assert.Equal((intervals.Count * 2, 0, 0), (after.Required, after.Credited, after.Held)); // lessons outside the term count nowhere
    }

    [Fact]
    public void TakeTheGradeRuleBeforeTheGeneralOne()
    {
        var city = Bureau.CreateCity("测试市教育局", "测试市", DateTimeOffset.UtcNow);
        LessonRule[] rules =
        [
            LessonRule.Create(city, LessonAudience.Schools, null, 2, 1),
            LessonRule.Create(city, LessonAudience.Kindergartens, null, 2, 1),
            LessonRule.Create(city, LessonAudience.Kindergartens, "小班", 4, 1),
        ];
        Assert.Equal(4, LessonRule.For(rules, SchoolKind.Kindergarten, "小班")!.IntervalWeeks);
        Assert.Equal(2, LessonRule.For(rules, SchoolKind.Kindergarten, "大班")!.IntervalWeeks);
        Assert.Equal(LessonAudience.Schools, LessonRule.For(rules, SchoolKind.Primary, "小班")!.Audience);
        Assert.Null(LessonRule.For(rules[2..], SchoolKind.Primary, "一年级"));
    }

    [Theory]
    [InlineData("七年级3班", "七年级")]
    [InlineData("小(2)班", "小班")]
    [InlineData("大（1）班", "大班")]
    [InlineData("高一5班", "高一")]
    [InlineData("高二(12)班", "高二")]
    [InlineData("火箭班", "未分年级")]
    public void ReadTheGradeFromARosterClassName(string name, string grade) => Assert.Equal(grade, SchoolClass.GradeOf(name));
}
