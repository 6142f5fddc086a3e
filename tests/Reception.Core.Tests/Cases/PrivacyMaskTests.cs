using Reception.Core.Cases;

namespace Reception.Core.Tests.Cases;

public class PrivacyMaskTests
{
    [Theory]
    [InlineData("420106198503151234", "4201**********1234")]
    [InlineData("11010519491231002x", "1101**********002X")]
    [InlineData("１１０１０５１９４９１２３１００２Ｘ", "1101**********002X")]
    [InlineData("12345678", "********")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Identity_Numbers(string? input, string expected) => Assert.Equal(expected, PrivacyMask.IdentityNumber(input));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("138 1234 5678", "138****5678")]
    [InlineData("１３８１２３４５６７８", "138****5678")]
    [InlineData("0371-12345678", "037******5678")]
    [InlineData("1234567", "*******")]
    [InlineData(" ", "")]
    [InlineData(null, "")]
    public void Phones(string? input, string expected) => Assert.Equal(expected, PrivacyMask.Phone(input));

    [Theory]
    [InlineData("湖北省武汉市江岸区解放大道100号", "湖北省武汉市****")]
    [InlineData("  北京市东城区东华门街道 ", "北京市东城区****")]
    [InlineData("某村", "某村****")]
    [InlineData("𠀀𠀁𠀂𠀃𠀄𠀅𠀆", "𠀀𠀁𠀂𠀃𠀄𠀅****")] // characters outside the BMP are not cut in half
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Addresses(string? input, string expected) => Assert.Equal(expected, PrivacyMask.Address(input));
}
