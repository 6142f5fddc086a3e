using System.Reflection;
using Reception.Core.Rotas;
using static Reception.Core.Tests.Rotas.RotaTestData;

namespace Reception.Core.Tests.Rotas;

public class RotaRuleValidationTests
{
    private static RotaRule Valid(RotaPattern pattern = RotaPattern.Rotation) => new(pattern, MorningAfternoon, Leaders(4));

    private static string[] Keys(RotaRule rule) => rule.Validate().Select(m => m.Key).ToArray();

    [Theory]
    [InlineData(RotaPattern.Rotation)]
    [InlineData(RotaPattern.Monthly)]
    [InlineData(RotaPattern.FixedWeekday)]
    public void ACompleteRule_IsValid(RotaPattern pattern)
    {
        var rule = pattern switch
        {
            RotaPattern.Monthly => Valid(pattern) with { MinimumPerMonth = 2 },
            RotaPattern.FixedWeekday => Valid(pattern) with { FixedDuties = [new(1, DayOfWeek.Monday), new(2, DayOfWeek.Friday)] },
            _ => Valid(pattern),
        };

        Assert.Empty(rule.Validate());
    }

    [Fact]
    public void ARule_NeedsSessionsAndLeaders()
    {
        Assert.Equal([RotaMessages.NoSessions, RotaMessages.NoLeaders], Keys(new RotaRule(RotaPattern.Rotation, [], [])));
    }

    [Fact]
    public void SessionNames_MustBeGivenAndDistinct()
    {
        var rule = Valid() with
        {
            Sessions = [new(" ", new(8, 0), new(9, 0)), new("上午", new(9, 0), new(10, 0)), new("上午", new(10, 0), new(11, 0))],
        };

        var messages = rule.Validate();
        Assert.Equal([RotaMessages.SessionNameEmpty, RotaMessages.DuplicateSessionName], messages.Select(m => m.Key));
        Assert.Equal([1], messages[0].Args);
        Assert.Equal(["上午"], messages[1].Args);
    }

    [Fact]
    public void ASession_MustEndAfterItStarts()
    {
        var rule = Valid() with { Sessions = [new("上午", new(12, 0), new(8, 30)), new("下午", new(14, 30), new(14, 30))] };

        var messages = rule.Validate();
        Assert.Equal([RotaMessages.SessionEndsBeforeStart, RotaMessages.SessionEndsBeforeStart], messages.Select(m => m.Key));
        Assert.Equal("Session \"上午\" must end after it starts (12:00–08:30).", messages[0].ToString());
    }

    [Fact]
    public void Sessions_MustNotOverlapButMayTouch()
    {
        var overlapping = Valid() with { Sessions = [new("上午", new(8, 30), new(12, 0)), new("中午", new(11, 30), new(14, 0))] };
        var touching = Valid() with { Sessions = [new("上午", new(8, 30), new(12, 0)), new("下午", new(12, 0), new(17, 30))] };

        var message = Assert.Single(overlapping.Validate());
        Assert.Equal("Sessions \"上午\" and \"中午\" overlap.", message.ToString());
        Assert.Empty(touching.Validate());
    }

    [Fact]
    public void ALeader_MayBeListedOnceOnly()
    {
        var rule = Valid() with { Leaders = [new(1, 1, "张三"), new(2, 2), new(1, 3, "张三")] };

        var message = Assert.Single(rule.Validate());
        Assert.Equal((RotaMessages.DuplicateLeader, "张三"), (message.Key, message.Args[0]));
    }

    [Fact]
    public void AnEmptyWeekdaySet_HasNoDutyAtAll()
    {
        Assert.Equal([RotaMessages.NoWeekdays], Keys(Valid() with { Weekdays = new HashSet<DayOfWeek>() }));
    }

    [Fact]
    public void Fixed_DutiesBelongToTheFixedWeekdayPattern()
    {
        var rule = Valid(RotaPattern.Rotation) with { FixedDuties = [new(1, DayOfWeek.Monday)] };

        Assert.Equal([RotaMessages.FixedDutiesNeedFixedWeekdayPattern], Keys(rule));
    }

    [Fact]
    public void TheFixedWeekdayPattern_NeedsAFixedDuty()
    {
        Assert.Equal([RotaMessages.NoFixedDuties], Keys(Valid(RotaPattern.FixedWeekday)));
    }

    [Fact]
    public void AFixedDuty_NeedsAnEligibleLeaderAndItsOwnWeekday()
    {
        var rule = Valid(RotaPattern.FixedWeekday) with
        {
            FixedDuties = [new(99, DayOfWeek.Friday), new(1, DayOfWeek.Monday), new(2, DayOfWeek.Monday)],
        };

        var messages = rule.Validate();
        Assert.Equal([RotaMessages.DuplicateFixedWeekday, RotaMessages.FixedLeaderNotEligible], messages.Select(m => m.Key));
        Assert.Equal([DayOfWeek.Monday], messages[0].Args);
        Assert.Equal([DayOfWeek.Friday], messages[1].Args);
    }

    [Fact]
    public void AFixedDuty_OnAWeekdayWithoutDuty_IsRefused()
    {
        var rule = Valid(RotaPattern.FixedWeekday) with
        {
            Weekdays = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Wednesday },
            FixedDuties = [new(1, DayOfWeek.Friday)],
        };

        var message = Assert.Single(rule.Validate());
        Assert.Equal("The fixed duty on Friday falls on a weekday without duty under this rule.", message.ToString());
    }

    [Fact]
    public void FixedWeekday_NeedsADeputyForTheOtherDays()
    {
        var noDeputy = new RotaRule(RotaPattern.FixedWeekday, FullDay, Leaders(2))
        {
            FixedDuties = [new(1, DayOfWeek.Monday), new(2, DayOfWeek.Friday)],
        };
        var everyDutyDayFixed = noDeputy with { Weekdays = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Friday } };

        Assert.Equal([RotaMessages.NoLeaderForOtherDays], Keys(noDeputy));
        Assert.Empty(everyDutyDayFixed.Validate());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Monthly_NeedsAMinimumOfAtLeastOne(int minimum)
    {
        Assert.Equal([RotaMessages.MinimumPerMonthTooLow], Keys(Valid(RotaPattern.Monthly) with { MinimumPerMonth = minimum }));
        Assert.Empty((Valid(RotaPattern.Rotation) with { MinimumPerMonth = minimum }).Validate());
    }

    [Fact]
    public void AnUndefinedPattern_IsRefused()
    {
        Assert.Equal([RotaMessages.UnknownPattern], Keys(Valid((RotaPattern)42)));
    }

    [Fact]
    public void EveryMessageKey_IsListedOnceInAllAndIsAnEnglishSentence()
    {
        var constants = typeof(RotaMessages).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.Equal(constants.Order(), RotaMessages.All.Order());
        Assert.Equal(RotaMessages.All.Count, RotaMessages.All.Distinct().Count());
        Assert.All(RotaMessages.All, key => Assert.True(key.Contains(' ', StringComparison.Ordinal) && key.EndsWith('.'), key));
    }
}
