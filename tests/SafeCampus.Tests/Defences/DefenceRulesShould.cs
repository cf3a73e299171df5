using SafeCampus.Web.Domain;
using static SafeCampus.Tests.Defences.DefenceTestCity;

namespace SafeCampus.Tests.Defences;

/// <summary>The return's validation and the checks against the standards, without a database.</summary>
public sealed class DefenceRulesShould
{
    private static List<string> Codes(Dictionary<string, decimal> values, int people = 1000) =>
        DefenceFields.Validate(values, people).Select(e => $"{e.Field}:{e.Code}").ToList();

    [Fact]
    public void AcceptCompliantValues() => Assert.Empty(Codes(Compliant()));

    [Fact]
    public void RejectNegativeFractionalMissingAndAbsurdValues()
    {
        Assert.Equal(["Guards:Defences.ValueNegative"], Codes(Compliant((DefenceFields.Guards, -1))));
        Assert.Equal(["Cameras:Defences.ValueNotWhole"], Codes(Compliant((DefenceFields.Cameras, 2.5m))));
        Assert.Equal(["PatrolTeam:Defences.ValueNotWhole"], Codes(Compliant((DefenceFields.PatrolTeam, 0.5m))));
        Assert.Equal(["PatrolTeam:Defences.ValueOutOfRange"], Codes(Compliant((DefenceFields.PatrolTeam, 2))));
        Assert.Equal(["WallHeight:Defences.ValueOutOfRange"], Codes(Compliant((DefenceFields.WallHeight, 25))));
        Assert.Equal(["WallHeight:Defences.ValueOutOfRange"], Codes(Compliant((DefenceFields.WallHeight, 2.345m))));
        var missing = Compliant();
        missing.Remove(DefenceFields.VideoDays);
        Assert.Equal(["VideoDays:Defences.ValueMissing"], Codes(missing));
    }

    [Fact]
    public void RejectFullTimeGuardsAboveAllGuardsAndMoreGuardsThanPeople()
    {
        Assert.Equal(["FullTimeGuards:Defences.FullTimeAboveTotal"], Codes(Compliant((DefenceFields.FullTimeGuards, 5))));
        Assert.Equal(["FullTimeDormManagers:Defences.FullTimeAboveTotal"], Codes(Compliant((DefenceFields.DormManagers, 1), (DefenceFields.FullTimeDormManagers, 2))));
        Assert.Equal(["TrainedGuards:Defences.GuardSubsetAboveTotal"], Codes(Compliant((DefenceFields.TrainedGuards, 9))));
        Assert.Equal(["Guards:Defences.MoreStaffThanPeople"],
            Codes(Compliant((DefenceFields.Guards, 60), (DefenceFields.FullTimeGuards, 10), (DefenceFields.DormManagers, 0)), people: 50));
    }

    [Fact]
    public void GiveChineseMessagesForTheCodes()
    {
        Assert.Equal("请填写整数，不能有小数。", new DomainException("Defences.ValueNotWhole").LocalizedMessage());
        Assert.Equal("专职人数不能多于总人数。", new DomainException("Defences.FullTimeAboveTotal").LocalizedMessage());
        Assert.Equal("本月报表已提交，不能重复提交。", new DomainException("Defences.AlreadySubmitted").LocalizedMessage());
    }

    [Theory]
    [InlineData(1500, false, 0)] // not above the threshold
    [InlineData(1501, false, 4)] // ⌈1501 × 2‰⌉ = ⌈3.002⌉
    [InlineData(1900, false, 4)] // ⌈3.8⌉
    [InlineData(1900, true, 6)] // ⌈5.7⌉ for boarding (3‰)
    [InlineData(3000, false, 6)]
    public void RequireFullTimeGuardsBySize(int people, bool boarding, int required) =>
        Assert.Equal(required, DefenceStandard.Defaults().RequiredGuardsBySize(people, boarding));

    [Fact]
    public void FlagEachStandardSeparately()
    {
        var s = DefenceStandard.Defaults();
        Assert.Equal(DefenceCheck.None, s.Evaluate(Compliant(), 860, false));
        Assert.Equal(DefenceCheck.GuardsPerGate, s.Evaluate(Compliant((DefenceFields.OpenGates, 3)), 860, false)); // 3 gates need 6
        Assert.Equal(DefenceCheck.GuardRatio, s.Evaluate(Compliant((DefenceFields.OpenGates, 1), (DefenceFields.Guards, 5), (DefenceFields.FullTimeGuards, 3)), 1900, false));
        Assert.Equal(DefenceCheck.None, s.Evaluate(Compliant((DefenceFields.OpenGates, 1), (DefenceFields.Guards, 5), (DefenceFields.FullTimeGuards, 4)), 1900, false));
        Assert.Equal(DefenceCheck.GuardRatio, s.Evaluate(Compliant((DefenceFields.OpenGates, 1), (DefenceFields.Guards, 5), (DefenceFields.FullTimeGuards, 5)), 1900, true));
        Assert.Equal(DefenceCheck.Wall, s.Evaluate(Compliant((DefenceFields.WallHeight, 1.99m)), 860, false));
        Assert.Equal(DefenceCheck.Wall, s.Evaluate(Compliant((DefenceFields.CampusClosed, 0)), 860, false));
        Assert.Equal(DefenceCheck.Alarm, s.Evaluate(Compliant((DefenceFields.OneKeyAlarm, 0)), 860, false));
        Assert.Equal(DefenceCheck.Cameras, s.Evaluate(Compliant((DefenceFields.CamerasNetworked, 0)), 860, false));
        Assert.Equal(DefenceCheck.Cameras, s.Evaluate(Compliant((DefenceFields.CamerasOutsideGate, 0)), 860, false));
        Assert.Equal(DefenceCheck.Video, s.Evaluate(Compliant((DefenceFields.VideoDays, 29)), 860, false));
    }

    [Fact]
    public void ApplyABureausOwnStandardsAndSkipChecksItSwitchedOff()
    {
        var city = Bureau.CreateCity("市", null, DateTimeOffset.UtcNow);
        var s = DefenceStandard.Create(city);
        s.Update(20, 3, 1000, 2, 3, 2.5m, 90, DefenceCheck.GuardsPerGate | DefenceCheck.Video);
        Assert.Equal(new DateOnly(2026, 11, 20), s.DueDate(November));
        Assert.Equal(DefenceCheck.GuardsPerGate | DefenceCheck.Video, s.Evaluate(Compliant((DefenceFields.WallHeight, 1), (DefenceFields.OneKeyAlarm, 0)), 860, false));
        Assert.Equal("Defences.DueDayInvalid", Assert.Throws<DomainException>(() => s.Update(29, 2, 1500, 2, 3, 2, 30, DefenceCheck.Wall)).Code);
    }

    [Fact]
    public void MarkASubmissionAfterTheDueDayInChinaTimeLate()
    {
        var city = Bureau.CreateCity("市", null, DateTimeOffset.UtcNow);
        var county = city.CreateChild("县", null, DateTimeOffset.UtcNow);
        var school = School.Create(county, new SchoolDetails("校", SchoolKind.Primary, false, false, 500, 40, 10, null), DateTimeOffset.UtcNow);
        DefenceReturn Submitted(DateTimeOffset at)
        {
            var r = DefenceReturn.Start(school, November, DefenceStandard.Defaults(), null, "u", at);
            r.Save(Compliant(), school, DefenceStandard.Defaults(), "u", at);
            r.Submit("u", at);
            return r;
        }

        Assert.False(Submitted(China(11, 25, 23).AddMinutes(59)).IsLate); // 23:59 on the 25th, China time
        Assert.True(Submitted(China(11, 26, 0).AddMinutes(1)).IsLate); // 00:01 on the 26th = 16:01 UTC on the 25th
        var twice = Submitted(China(11, 20));
        Assert.Equal("Defences.AlreadySubmitted", Assert.Throws<DomainException>(() => twice.Submit("u", China(11, 21))).Code);
    }

    [Theory]
    [InlineData(19, null)]
    [InlineData(20, "before5")]
    [InlineData(23, "before5")]
    [InlineData(24, "before1")]
    [InlineData(25, "due")]
    [InlineData(26, "late")]
    [InlineData(30, "late")]
    public void PlaceReminderStagesAroundTheDueDay(int day, string? stage) =>
        Assert.Equal(stage, Web.Features.Defences.DefenceReminderJob.Stage(new DateOnly(2026, 11, day), new DateOnly(2026, 11, 25)));
}
