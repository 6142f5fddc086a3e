using Reception.Core.Notifications;

namespace Reception.Core.Tests.Notifications;

public sealed class DigestAndRobotRulesTests
{
    [Fact]
    public void NonUrgentKinds_DefaultToTheDigest_UrgentOnesNever_MandatoryOnesAlwaysAtOnce()
    {
        Assert.Equal(NotificationEmailMode.Digest, NotificationChoice.Effective(NotificationKinds.CaseAssigned, null).EmailMode);
        Assert.Equal(NotificationEmailMode.Immediate, NotificationChoice.Effective(NotificationKinds.CaseAssigned, null, digestByDefault: false).EmailMode);
        Assert.Equal(NotificationEmailMode.Immediate, NotificationChoice.Effective(NotificationKinds.DutyReminder, null).EmailMode);
        Assert.Equal(NotificationEmailMode.Immediate, NotificationChoice.Effective(NotificationKinds.DutyReminder, new NotificationChoice(true, true, true)).EmailMode);
        Assert.Equal(NotificationEmailMode.Immediate, NotificationChoice.Effective(NotificationKinds.Overdue, new NotificationChoice(true, true, true)).EmailMode);
        Assert.Equal(NotificationEmailMode.Off, NotificationChoice.Effective(NotificationKinds.Swap, new NotificationChoice(true, false, true)).EmailMode);
        Assert.Equal(NotificationEmailMode.Immediate, NotificationChoice.Effective(NotificationKinds.Swap, new NotificationChoice(true, true, false)).EmailMode);
        // Taking an escalation in the digest is no turning off: allowed, and ignored.
        Assert.Null(NotificationChoice.Validate(NotificationKinds.Escalation, new NotificationChoice(true, true, true), "升级督办"));
    }

    [Fact]
    public void DingTalkSignature_IsTheBase64HmacOfTimestampAndSecret_UrlEncoded()
    {
        // Computed independently (Python hmac/hashlib/base64/urllib.parse.quote).
        Assert.Equal("aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D", UnitRobot.Sign("SECtest", 1700000000000));
        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=x&timestamp=1700000000000&sign=aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D",
            UnitRobot.SignedUrl("https://oapi.dingtalk.com/robot/send?access_token=x", "SECtest", 1700000000000));
        Assert.Equal("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", UnitRobot.SignedUrl("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", null, 1));
    }

    [Theory]
    [InlineData(RobotKind.WeCom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", false, null)]
    [InlineData(RobotKind.DingTalk, "https://oapi.dingtalk.com/robot/send?access_token=abc", false, null)]
    [InlineData(RobotKind.DingTalk, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", false, RobotMessages.UrlWrongHost)]
    [InlineData(RobotKind.WeCom, "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", false, RobotMessages.UrlInvalid)]
    [InlineData(RobotKind.WeCom, "http://127.0.0.1:8080/hook", true, null)]
    [InlineData(RobotKind.WeCom, "", false, RobotMessages.UrlRequired)]
    [InlineData(RobotKind.WeCom, "not a url", false, RobotMessages.UrlInvalid)]
    public void WebhookAddresses(RobotKind kind, string url, bool anyHost, string? error) =>
        Assert.Equal(error, UnitRobot.ValidateUrl(kind, url, anyHost)?.Key);

    [Fact]
    public void Secrets_AreNeededForDingTalkOnly_KeptWhenLeftEmpty_AndMasked()
    {
        Assert.Equal(RobotMessages.SecretRequired, UnitRobot.ValidateSecret(RobotKind.DingTalk, "", hasStored: false)?.Key);
        Assert.Null(UnitRobot.ValidateSecret(RobotKind.DingTalk, "", hasStored: true));
        Assert.Equal(RobotMessages.SecretInvalid, UnitRobot.ValidateSecret(RobotKind.DingTalk, "abc", hasStored: false)?.Key);
        Assert.Null(UnitRobot.ValidateSecret(RobotKind.WeCom, "", hasStored: false));

        var robot = new UnitRobot(1, RobotKind.DingTalk, " https://oapi.dingtalk.com/robot/send?access_token=a ", "SEC123456789", DateTime.UtcNow);
        robot.Set(RobotKind.DingTalk, robot.Url, null, DateTime.UtcNow);
        Assert.Equal("SEC123456789", robot.Secret);
        Assert.Equal("SEC••••6789", UnitRobot.Mask(robot.Secret));
        robot.Set(RobotKind.WeCom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", null, DateTime.UtcNow);
        Assert.Null(robot.Secret); // a WeCom robot keeps no secret
    }
}
