using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;

namespace SafeCampus.Tests.Drills;

/// <summary>Requirement rules and compliance states at period edges (pure arithmetic, no database).</summary>
public sealed class DrillComplianceShould
{
    private static readonly Bureau City = Bureau.CreateCity("临江市教育局", "临江市", DateTimeOffset.UnixEpoch);
    private static readonly (List<DrillKind> Kinds, List<DrillRule> Rules) Defaults = DrillDefaults.For(City);
    private static readonly DrillKind Fire = Defaults.Kinds.Single(k => k.Code == "fire");
    private static readonly DrillKind Bus = Defaults.Kinds.Single(k => k.Code == "bus");
    private static readonly DrillKind Night = Defaults.Kinds.Single(k => k.Code == "night");
    private static readonly DrillKind Quake = Defaults.Kinds.Single(k => k.Code == "earthquake");

    private static DrillRule Rule(DrillPeriod period, DrillKind? kind = null) =>
        Defaults.Rules.Single(r => r.Period == period && r.KindId == kind?.Id);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Theory]
    [InlineData(2026, 1, 31, "2025-S2")]
    [InlineData(2026, 2, 1, "2026-S1")]
    [InlineData(2026, 7, 31, "2026-S1")]
    [InlineData(2026, 8, 1, "2026-S2")]
    [InlineData(2026, 12, 31, "2026-S2")]
    public void PutSemesterEdgesInTheRightSemester(int y, int m, int d, string key) =>
        Assert.Equal(key, DrillPeriods.Containing(DrillPeriod.Semester, D(y, m, d)).Key);

    [Theory]
    [InlineData(2026, 3, 31, "2026-Q1", 2026, 1, 1, 2026, 3, 31)]
    [InlineData(2026, 4, 1, "2026-Q2", 2026, 4, 1, 2026, 6, 30)]
    [InlineData(2026, 12, 31, "2026-Q4", 2026, 10, 1, 2026, 12, 31)]
    public void PutQuarterEdgesInTheRightQuarter(int y, int m, int d, string key, int sy, int sm, int sd, int ey, int em, int ed)
    {
        var q = DrillPeriods.Containing(DrillPeriod.Quarter, D(y, m, d));
        Assert.Equal((key, D(sy, sm, sd), D(ey, em, ed)), (q.Key, q.Start, q.End));
    }

    [Fact]
    public void EndFebruaryOnTheLastDayOfALeapYear() =>
        Assert.Equal(D(2028, 2, 29), DrillPeriods.Containing(DrillPeriod.Month, D(2028, 2, 10)).End);

    [Fact]
    public void ApplyMonthlyRulesToSchoolsAndQuarterlyRulesToKindergartens()
    {
        var school = DrillCompliance.ApplicableRules(Defaults.Rules, SchoolKind.Primary, boarding: false).ToList();
        var kindergarten = DrillCompliance.ApplicableRules(Defaults.Rules, SchoolKind.Kindergarten, boarding: false).ToList();
        Assert.Contains(school, r => r.Period == DrillPeriod.Month);
        Assert.DoesNotContain(school, r => r.Period == DrillPeriod.Quarter);
        Assert.Contains(kindergarten, r => r.Period == DrillPeriod.Quarter);
        Assert.DoesNotContain(kindergarten, r => r.Period == DrillPeriod.Month);
    }

    [Fact]
    public void RequireNightEvacuationOnlyOfBoardingSchools()
    {
        Assert.Contains(DrillCompliance.ApplicableRules(Defaults.Rules, SchoolKind.Senior, boarding: true), r => r.KindId == Night.Id);
        Assert.DoesNotContain(DrillCompliance.ApplicableRules(Defaults.Rules, SchoolKind.Senior, boarding: false), r => r.KindId == Night.Id);
    }

    [Fact]
    public void SkipHolidayMonthsForTheMonthlyRule()
    {
        var statuses = DrillCompliance.EvaluateSchool(Defaults.Rules, SchoolKind.Primary, false, [], D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31));
        var months = statuses.Where(s => s.Rule.Period == DrillPeriod.Month).Select(s => s.Period.Start.Month).ToList();
        Assert.Equal([3, 4, 5, 6, 9, 10, 11, 12], months);
    }

    [Fact]
    public void CompleteAMonthWithOneAcceptedDrillOfAnyKindOnItsLastDay()
    {
        var november = DrillPeriods.Containing(DrillPeriod.Month, D(2026, 11, 5));
        var status = DrillCompliance.Evaluate(Rule(DrillPeriod.Month), november, [new(Quake.Id, D(2026, 11, 30), DrillState.Accepted)], D(2026, 12, 1));
        Assert.Equal((ComplianceState.Completed, 1), (status.State, status.Accepted));
    }

    [Fact]
    public void NotCountADrillOnTheFirstDayOfTheNextMonth()
    {
        var november = DrillPeriods.Containing(DrillPeriod.Month, D(2026, 11, 5));
        var status = DrillCompliance.Evaluate(Rule(DrillPeriod.Month), november, [new(Quake.Id, D(2026, 12, 1), DrillState.Accepted)], D(2026, 12, 1));
        Assert.Equal(ComplianceState.Overdue, status.State);
    }

    [Theory]
    [InlineData(DrillState.Scheduled, 2026, 11, 20, ComplianceState.Scheduled)]
    [InlineData(DrillState.Returned, 2026, 11, 20, ComplianceState.Scheduled)]
    [InlineData(DrillState.Submitted, 2026, 11, 20, ComplianceState.AwaitingReview)]
    [InlineData(DrillState.Submitted, 2026, 12, 2, ComplianceState.AwaitingReview)]
    [InlineData(DrillState.Scheduled, 2026, 11, 30, ComplianceState.Scheduled)]
    [InlineData(DrillState.Scheduled, 2026, 12, 1, ComplianceState.Overdue)]
    [InlineData(DrillState.Cancelled, 2026, 11, 20, ComplianceState.NotScheduled)]
    public void MoveThroughStatesAsTheMonthEnds(DrillState drill, int y, int m, int d, ComplianceState expected)
    {
        var november = DrillPeriods.Containing(DrillPeriod.Month, D(2026, 11, 1));
        var status = DrillCompliance.Evaluate(Rule(DrillPeriod.Month), november, [new(Fire.Id, D(2026, 11, 25), drill)], D(y, m, d));
        Assert.Equal(expected, status.State);
    }

    [Fact]
    public void ShowAFuturePeriodAsNotStarted()
    {
        var december = DrillPeriods.Containing(DrillPeriod.Month, D(2026, 12, 1));
        Assert.Equal(ComplianceState.NotStarted, DrillCompliance.Evaluate(Rule(DrillPeriod.Month), december, [], D(2026, 11, 24)).State);
    }

    [Fact]
    public void CountOnlyTheRulesKindForAKindRule()
    {
        var autumn = DrillPeriods.Containing(DrillPeriod.Semester, D(2026, 9, 1));
        DrillFact[] drills = [new(Quake.Id, D(2026, 9, 10), DrillState.Accepted), new(Bus.Id, D(2026, 10, 10), DrillState.Accepted)];
        Assert.Equal(ComplianceState.NotScheduled, DrillCompliance.Evaluate(Rule(DrillPeriod.Semester, Fire), autumn, drills, D(2026, 11, 24)).State);
        Assert.Equal(ComplianceState.Completed, DrillCompliance.Evaluate(Rule(DrillPeriod.Semester, Bus), autumn, drills, D(2026, 11, 24)).State);
        // The autumn semester runs to 31 January: a fire drill in January still counts, and it is not overdue before then.
        Assert.Equal(ComplianceState.Completed, DrillCompliance.Evaluate(Rule(DrillPeriod.Semester, Fire), autumn,
            [new(Fire.Id, D(2027, 1, 31), DrillState.Accepted)], D(2027, 2, 1)).State);
        Assert.Equal(ComplianceState.Overdue, DrillCompliance.Evaluate(Rule(DrillPeriod.Semester, Fire), autumn, drills, D(2027, 2, 1)).State);
    }

    [Fact]
    public void NeedFourDrillsForTheYear()
    {
        var year = DrillPeriods.Containing(DrillPeriod.Year, D(2026, 1, 1));
        var three = Enumerable.Range(1, 3).Select(i => new DrillFact(Fire.Id, D(2026, i * 3, 1), DrillState.Accepted)).ToList();
        Assert.Equal(ComplianceState.Overdue, DrillCompliance.Evaluate(Rule(DrillPeriod.Year), year, three, D(2027, 1, 1)).State);
        three.Add(new DrillFact(Bus.Id, D(2026, 12, 31), DrillState.Accepted));
        Assert.Equal(ComplianceState.Completed, DrillCompliance.Evaluate(Rule(DrillPeriod.Year), year, three, D(2027, 1, 1)).State);
    }

    [Fact]
    public void LetTheWorstStateWinACell()
    {
        Assert.Equal(ComplianceState.Overdue, DrillCompliance.Worst([ComplianceState.Completed, ComplianceState.Overdue, ComplianceState.Scheduled]));
        Assert.Equal(ComplianceState.Completed, DrillCompliance.Worst([ComplianceState.Completed]));
        Assert.Equal(ComplianceState.NotStarted, DrillCompliance.Worst([]));
    }
}
