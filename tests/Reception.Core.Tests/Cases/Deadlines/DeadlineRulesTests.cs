using Reception.Core.Cases.Deadlines;

namespace Reception.Core.Tests.Cases.Deadlines;

public class DeadlineRulesTests
{
    [Theory]
    [InlineData("route", 15, DeadlineUnit.CalendarDays, "received", "第二十二条", "Art. 22", null, false)]
    [InlineData("accept", 15, DeadlineUnit.CalendarDays, "received-by-unit", "第二十三条", "Art. 23", null, false)]
    [InlineData("object", 5, DeadlineUnit.WorkingDays, "transfer-received", "第二十三条第三款", "Art. 23 ¶3", null, false)]
    [InlineData("handle", 60, DeadlineUnit.CalendarDays, "accepted", "第三十四条", "Art. 34", 30, false)]
    [InlineData("review-request", 30, DeadlineUnit.CalendarDays, "reply-received", "第三十五条", "Art. 35", null, false)]
    [InlineData("review-answer", 30, DeadlineUnit.CalendarDays, "review-requested", "第三十五条", "Art. 35", null, false)]
    [InlineData("rereview-request", 30, DeadlineUnit.CalendarDays, "review-reply-received", "第三十六条", "Art. 36", null, false)]
    [InlineData("rereview-answer", 30, DeadlineUnit.CalendarDays, "rereview-requested", "第三十六条", "Art. 36", null, true)]
    public void Defaults_FollowTheRegulation(
        string code, int length, DeadlineUnit unit, string startEvent, string article, string articleEn, int? maxExtension, bool canPause)
    {
        var rule = DeadlineRules.Defaults[code];
        Assert.Equal(code, rule.Code);
        Assert.Equal(length, rule.Length);
        Assert.Equal(unit, rule.Unit);
        Assert.Equal(startEvent, rule.StartEvent);
        Assert.Equal(article, rule.ArticleLabel);
        Assert.Equal(articleEn, rule.ArticleEnglish);
        Assert.Equal(maxExtension, rule.MaxExtensionDays);
        Assert.Equal(maxExtension is not null, rule.CanExtend);
        Assert.Equal(canPause, rule.CanPause);
        Assert.Contains(rule.TitleKey, DeadlineMessages.All);
        Assert.Equal(rule.TitleKey, rule.Title.Key);
        Assert.Empty(rule.Validate());
    }

    [Fact]
    public void DefaultsHoldTheEightClocks_InOrder()
    {
        Assert.Equal(
            ["route", "accept", "object", "handle", "review-request", "review-answer", "rereview-request", "rereview-answer"],
            DeadlineRules.Defaults.All.Select(r => r.Code));
    }

    [Fact]
    public void Lookup_IgnoresCaseAndReportsMissingCodes()
    {
        Assert.Same(DeadlineRules.Defaults["handle"], DeadlineRules.Defaults["HANDLE"]);
        Assert.False(DeadlineRules.Defaults.TryGet("nope", out _));
        Assert.True(DeadlineRules.Defaults.TryGet("route", out var route));
        Assert.Equal(15, route.Length);
        Assert.Throws<KeyNotFoundException>(() => DeadlineRules.Defaults["nope"]);
    }

    [Fact]
    public void Overrides_ChangeLengthAndUnitAndKeepTheRest()
    {
        var result = DeadlineRules.Defaults.WithOverrides(new Dictionary<string, DeadlineRuleOverride>
        {
            ["handle"] = new() { Length = 45 },
            ["Object"] = new() { Length = 3 },
            ["route"] = new() { Unit = DeadlineUnit.WorkingDays },
        });

        Assert.True(result.Succeeded);
        var rules = result.Rules!;
        Assert.Equal(45, rules["handle"].Length);
        Assert.Equal(30, rules["handle"].MaxExtensionDays);
        Assert.Equal("第三十四条", rules["handle"].ArticleLabel);
        Assert.Equal(3, rules["object"].Length);
        Assert.Equal(DeadlineUnit.WorkingDays, rules["object"].Unit);
        Assert.Equal(DeadlineUnit.WorkingDays, rules["route"].Unit);
        Assert.Equal(15, rules["route"].Length);
        Assert.Equal(DeadlineRules.Defaults["accept"], rules["accept"]);
        Assert.Equal(DeadlineRules.Defaults.All.Select(r => r.Code), rules.All.Select(r => r.Code));
        Assert.Equal(60, DeadlineRules.Defaults["handle"].Length); // the defaults are untouched
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(365, true)]
    [InlineData(0, false)]
    [InlineData(-5, false)]
    [InlineData(366, false)]
    public void OverrideLength_MustBe1To365(int length, bool ok)
    {
        var result = DeadlineRules.Defaults.WithOverrides(
            new Dictionary<string, DeadlineRuleOverride> { ["accept"] = new() { Length = length } });

        Assert.Equal(ok, result.Succeeded);
        if (!ok)
        {
            Assert.Null(result.Rules);
            var error = Assert.Single(result.Errors);
            Assert.Equal(DeadlineMessages.RuleLengthOutOfRange, error.Key);
            Assert.Equal(new object[] { "accept", 1, 365, length }, error.Args);
        }
    }

    [Fact]
    public void Overrides_ReportEveryProblemAndApplyNothing()
    {
        var result = DeadlineRules.Defaults.WithOverrides(new Dictionary<string, DeadlineRuleOverride>
        {
            ["handle"] = new() { Length = 50 },
            ["close"] = new() { Length = 10 },
            ["route"] = new() { Unit = (DeadlineUnit)7 },
        });

        Assert.False(result.Succeeded);
        Assert.Null(result.Rules);
        Assert.Equal(
            [DeadlineMessages.UnknownRuleCode, DeadlineMessages.RuleUnitInvalid],
            result.Errors.Select(e => e.Key));
        Assert.Equal(new object[] { "close" }, result.Errors[0].Args);
        Assert.Equal(new object[] { "route" }, result.Errors[1].Args);
    }

    [Fact]
    public void NoOverrides_GiveTheSameSet()
    {
        Assert.Same(DeadlineRules.Defaults, DeadlineRules.Defaults.WithOverrides(null).Rules);
        Assert.Same(DeadlineRules.Defaults, DeadlineRules.Defaults.WithOverrides(new Dictionary<string, DeadlineRuleOverride>()).Rules);
    }

    [Fact]
    public void ARuleSet_RejectsDuplicateCodesAndInvalidRules()
    {
        var route = DeadlineRules.Defaults["route"];
        Assert.Throws<ArgumentException>(() => new DeadlineRuleSet([route, route with { Length = 3 }]));
        Assert.Throws<ArgumentException>(() => new DeadlineRuleSet([route with { Length = 0 }]));
    }

    [Fact]
    public void MessageKeys_AreDistinctAndComplete()
    {
        Assert.Equal(DeadlineMessages.All.Count, DeadlineMessages.All.Distinct().Count());
        var declared = typeof(DeadlineMessages).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
        Assert.Equal(declared.Order(), DeadlineMessages.All.Order());
    }
}
