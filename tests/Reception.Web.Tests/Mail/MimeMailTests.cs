using MimeKit;
using Reception.Core.Organisation;
using Reception.Web.Mail;

namespace Reception.Web.Tests.Mail;

/// <summary>The message both senders write, without a server: what the address rules let through, MimeKit can carry.</summary>
public sealed class MimeMailTests
{
    [Theory]
    [InlineData("zhangsan@demo.gov.cn")]
    [InlineData("zhang.san+duty@example.com")]
    [InlineData("o'brien@example.com")]
    [InlineData("x!#$%&*/=?^`{|}~@a-b.example.cn")]
    [InlineData("张三@demo.gov.cn")]
    [InlineData("a@例子.中国")]
    public void AnAddressTheContactRulesAccept_IsWrittenAndReadBackUnchanged(string address)
    {
        Assert.True(ContactRules.IsValidEmail(address));
        using var message = MimeMail.Build(new OutgoingMail("key:1/user", address, "值班提醒", "明天您值班。", "<p>明天您值班。</p>"),
            new MailOptions { FromAddress = "reception@demo.reception.invalid" }, MailTesting.Clock());

        using var written = new MemoryStream();
        message.WriteTo(MimeMail.FileFormat, written);
        written.Position = 0;
        using var read = MimeMessage.Load(written);

        Assert.Equal(address, Assert.Single(read.To.Mailboxes).Address);
    }

    [Fact]
    public void AnAddressNoMessageCanCarry_IsAPermanentRefusal()
    {
        // Stored before today's rules, say.
        var mail = new OutgoingMail("key:2/user", "not an address@", "值班提醒", "明天您值班。", "<p>明天您值班。</p>");

        Assert.Throws<MailRejectedException>(() => MimeMail.Build(mail, new MailOptions(), MailTesting.Clock()));
    }

    [Fact]
    public void AMistypedSenderAddress_IsNotTheMessagesFault_SoNotAPermanentRefusal()
    {
        var mail = new OutgoingMail("key:3/user", "leader01@demo.reception.invalid", "值班提醒", "明天您值班。", "<p>明天您值班。</p>");

        // Retried with backoff, so the queue goes out once the setting is mended, instead of every message dead-lettering.
        Assert.Throws<ParseException>(() => MimeMail.Build(mail, new MailOptions { FromAddress = "reception at demo" }, MailTesting.Clock()));
    }
}
