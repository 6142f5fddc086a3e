using Reception.Core.Imports;
using Reception.Core.Organisation;

namespace Reception.Core.Tests.Organisation;

public class ContactRulesTests
{
    [Theory]
    [InlineData("zhangsan@demo.gov.cn")]
    [InlineData("zhang.san+duty@example.com")]
    [InlineData("a_b-c@mail.163.com")]
    [InlineData("o'brien+duty@example.com")]
    [InlineData("张三@政务.中国")] // internationalised (RFC 6531)
    public void PlausibleEmails_AreValid(string email)
    {
        Assert.True(ContactRules.IsValidEmail(email));
        Assert.Null(ContactRules.ValidateEmail(email));
    }

    [Theory]
    [InlineData("zhangsan")]
    [InlineData("a@b")]
    [InlineData("a@@b.cn")]
    [InlineData("a b@demo.cn")]
    [InlineData("张三 <zhangsan@demo.cn>")]
    [InlineData("@demo.cn")]
    [InlineData("a@.cn")]
    [InlineData("a@demo..cn")]
    [InlineData(".a@demo.cn")]
    [InlineData("a.@demo.cn")]
    [InlineData("a..b@demo.cn")]
    [InlineData("a(comment)@demo.cn")]
    [InlineData("a,b@demo.cn")]
    [InlineData("\"a\"@demo.cn")]
    [InlineData("a\u200B@demo.cn")] // an invisible zero-width space pasted along
    public void ImplausibleEmails_AreInvalid(string email)
    {
        Assert.False(ContactRules.IsValidEmail(email));
        Assert.Equal(ContactRules.InvalidEmailKey, ContactRules.ValidateEmail(email)?.Key);
    }

    [Fact]
    public void Email_IsLimitedInLength()
    {
        var local = new string('a', 64);
        var longEmail = local + "@" + string.Join(".", Enumerable.Repeat(new string('b', 60), 4)) + ".cn"; // 312 chars
        Assert.False(ContactRules.IsValidEmail(longEmail));
    }

    [Theory]
    [InlineData("13812345678")]
    [InlineData("19912345678")]
    [InlineData("0371-12345678")]
    [InlineData("037112345678")]
    [InlineData("010-1234567")]
    [InlineData("12345678")]
    [InlineData("0371-12345678-801")]
    public void MobileAndLandlineNumbers_AreValid(string phone)
    {
        Assert.True(ContactRules.IsValidPhone(phone));
        Assert.Null(ContactRules.ValidatePhone(phone));
    }

    [Theory]
    [InlineData("12812345678")]   // 12x is not a mobile prefix
    [InlineData("1381234567")]    // too short
    [InlineData("138123456789")]  // too long
    [InlineData("12345")]
    [InlineData("0371--12345678")]
    [InlineData("abc")]
    [InlineData("٠٣٧١١٢٣٤٥٦٧٨")]  // Arabic-Indic digits
    public void OtherNumbers_AreInvalid(string phone)
    {
        Assert.False(ContactRules.IsValidPhone(ContactRules.NormalizePhone(phone)!));
        Assert.Equal(ContactRules.InvalidPhoneKey, ContactRules.ValidatePhone(phone)?.Key);
    }

    [Fact]
    public void Normalisation_HandlesBlanksFullWidthCharactersAndSpaces()
    {
        Assert.Null(ContactRules.NormalizePhone("  "));
        Assert.Null(ContactRules.NormalizeEmail(null));
        Assert.Null(ContactRules.ValidatePhone(""));
        Assert.Null(ContactRules.ValidateEmail("   "));
        Assert.Equal("0371-12345678", ContactRules.NormalizePhone(" ０３７１－１２３４ ５６７８ "));
        Assert.Equal("a@b.cn", ContactRules.NormalizeEmail(" a＠b.cn "));
        Assert.Null(ContactRules.ValidatePhone("138 1234 5678"));
    }

    [Fact]
    public void MessageKeys_AreDistinct()
    {
        Assert.Equal(ImportMessageKeys.All.Count, ImportMessageKeys.All.Distinct().Count());
        Assert.All(ImportMessageKeys.All, key => Assert.False(string.IsNullOrWhiteSpace(key)));
    }
}
