using Reception.Core.Mail;

namespace Reception.Core.Tests.Mail;

public class OutboxMessageTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc);

    private static OutboxMessage New(string key = "duty-reminder:2026-11-23:duty-15/u1", string subject = "明天坐班", DateTime? notBefore = null) =>
        new(key, "duty-reminder", "u1", "leader@example.cn", "zh-CN", subject, "<p>正文</p>", "正文", "/Rotas", Now, notBefore);

    [Fact]
    public void New_IsPending_AndDueNow()
    {
        var m = New();
        Assert.Equal(OutboxStatus.Pending, m.Status);
        Assert.Equal(0, m.Attempts);
        Assert.Equal(Now, m.NextAttemptAtUtc);
        Assert.Equal(Now, m.CreatedAtUtc);
        Assert.Null(m.SentAtUtc);
    }

    [Fact]
    public void NotBefore_Later_HoldsTheMessage_Earlier_DoesNot()
    {
        Assert.Equal(Now.AddHours(14), New(notBefore: Now.AddHours(14)).NextAttemptAtUtc);
        Assert.Equal(Now, New(notBefore: Now.AddHours(-1)).NextAttemptAtUtc);
    }

    [Fact]
    public void Subject_IsOneLine_AndCutWithAnEllipsis()
    {
        Assert.Equal("第一行 第二行", New(subject: "第一行\r\n第二行").Subject);
        var cut = New(subject: new string('字', OutboxMessage.SubjectMaxLength + 5)).Subject;
        Assert.Equal(OutboxMessage.SubjectMaxLength, cut.Length);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Key_IsRequired(string key) => Assert.ThrowsAny<ArgumentException>(() => New(key));

    [Fact]
    public void Key_LongerThanTheColumn_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => New(new string('k', OutboxMessage.KeyMaxLength + 1)));
        Assert.Equal(OutboxMessage.KeyMaxLength, New(new string('k', OutboxMessage.KeyMaxLength)).IdempotencyKey.Length);
    }

    [Fact]
    public void Resend_OnlyADeadLetter()
    {
        var m = New();
        Assert.False(m.Resend(Now.AddHours(1)));
        Assert.Equal(OutboxStatus.Pending, m.Status);
        Assert.Equal(Now, m.NextAttemptAtUtc);
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(9, 15360)]
    [InlineData(10, 21600)] // capped at 6 hours
    [InlineData(40, 21600)]
    public void RetryPolicy_DoublesUpToTheCap(int attempts, int seconds)
    {
        var policy = new MailRetryPolicy(TimeSpan.FromMinutes(1), TimeSpan.FromHours(6), MaxAttempts: 8);
        Assert.Equal(TimeSpan.FromSeconds(seconds), policy.DelayAfter(attempts));
    }

    [Fact]
    public void RetryPolicy_GivesUpAfterMaxAttempts()
    {
        var policy = new MailRetryPolicy(TimeSpan.FromMinutes(1), TimeSpan.FromHours(6), MaxAttempts: 8);
        Assert.False(policy.GivesUpAfter(7));
        Assert.True(policy.GivesUpAfter(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => policy.DelayAfter(0));
    }
}
