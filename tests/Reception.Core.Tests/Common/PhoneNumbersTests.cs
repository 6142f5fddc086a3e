using Reception.Core.Common;

namespace Reception.Core.Tests.Common;

public class PhoneNumbersTests
{
    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("+86 139-0000-1111", "13900001111")]
    [InlineData("8619912345678", "19912345678")]
    [InlineData("010-12345678", "010-12345678")]
    [InlineData("01012345678", "010-12345678")]
    [InlineData("(0571) 8765 4321", "0571-87654321")]
    [InlineData("0731-8888888", "0731-8888888")]
    [InlineData("023-63800000-8021", "023-63800000-8021")]
    [InlineData("0755 2345 6789转123", "0755-23456789-123")]
    public void Normalize_MobileOrLandlineWithAreaCode_IsAccepted(string text, string expected)
    {
        Assert.True(PhoneNumbers.IsValid(text));
        Assert.Equal(expected, PhoneNumbers.Normalize(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12800138000")]   // 12x is no mobile prefix
    [InlineData("1380013800")]    // ten digits
    [InlineData("138001380001")]  // twelve
    [InlineData("12345678")]      // a landline without its area code
    [InlineData("010-1234567890")] // too long a number
    [InlineData("0571-0123456")]  // a local number does not start with 0
    [InlineData("+1 415 555 0100")]
    [InlineData("138-0013-800a")]
    [InlineData("请联系张三")]
    public void Normalize_AnythingElse_IsRefused(string? text)
    {
        Assert.False(PhoneNumbers.IsValid(text));
        Assert.Null(PhoneNumbers.Normalize(text));
    }
}
