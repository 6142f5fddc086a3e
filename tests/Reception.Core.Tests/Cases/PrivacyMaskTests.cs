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

public class PrivacyMaskHouseNumberTests
{
    [Theory]
    [InlineData("中山路88号", "中山路**号****")]
    [InlineData("解放大道100号", "解放大道******")]
    [InlineData("光明路12号院3号楼2单元501室", "光明路**号****")]
    [InlineData("松林村3组15号", "松林村3组*****")]
    [InlineData("幸福小区3-2-501", "幸福小区******")]
    [InlineData("幸福小区三号楼", "幸福小区*号****")]
    [InlineData("金地花园A座1203", "金地花园*座****")]
    [InlineData("花园5#楼", "花园*#楼****")]
    [InlineData("人民路１２号", "人民路**号****")]
    [InlineData("88弄4号", "**弄*号****")]
    [InlineData("8栋", "*栋****")]
    [InlineData("二单元", "*单元****")]
    [InlineData("301室", "***室****")]
    [InlineData("前进街27", "前进街******")]
    [InlineData("青年路7号楼", "青年路*号楼****")]
    [InlineData("河南省三门峡市湖滨区", "河南省三门峡****")]
    [InlineData("湖北省十堰市茅箭区", "湖北省十堰市****")]
    [InlineData("江西省南昌市八一大道", "江西省南昌市****")]
    [InlineData("北京市东城区", "北京市东城区****")]
    public void The_Address_Mask_Never_Shows_A_House_Number(string address, string expected) =>
        Assert.Equal(expected, PrivacyMask.Address(address));

    [Theory]
    [InlineData("湖北省武汉市江岸区解放大道100号", "湖北省武汉市江岸区解放大道***号")]
    [InlineData("上海市徐汇区漕溪北路88弄4号1201室", "上海市徐汇区漕溪北路**弄*号****室")]
    [InlineData("北京市朝阳区望京西园三区312号楼2单元1502", "北京市朝阳区望京西园三区***号楼*单元****")]
    [InlineData("广州市天河区体育西路103号维多利广场B座2208房", "广州市天河区体育西路***号维多利广场*座****房")]
    [InlineData("深圳市南山区科技园高新南一道 6 栋", "深圳市南山区科技园高新南一道 * 栋")]
    [InlineData("成都市武侯区玉林小区12幢3单元4楼", "成都市武侯区玉林小区**幢*单元*楼")]
    [InlineData("南京市鼓楼区中山北路8-1号", "南京市鼓楼区中山北路***号")]
    [InlineData("杭州市西湖区文三路90号东部软件园1号楼5层", "杭州市西湖区文三路**号东部软件园*号楼*层")]
    [InlineData("青山镇松林村3组", "青山镇松林村3组")]
    [InlineData("陕西省西安市雁塔区二环南路西段", "陕西省西安市雁塔区二环南路西段")]
    [InlineData("天津市和平区南京路219号天津中心Ｃ座２３层", "天津市和平区南京路***号天津中心*座**层")]
    public void House_Numbers_Are_Hidden_In_Whole_Addresses(string address, string expected) =>
        Assert.Equal(expected, PrivacyMask.HideHouseNumbers(address));
}

public class PrivacyMaskFreeTextTests
{
    [Theory]
    [InlineData("身份证号420106198503151234，要求补偿", "身份证号4201**********1234，要求补偿")]
    [InlineData("证件：11010519491231002x。", "证件：1101**********002X。")]
    [InlineData("ID 420106 19850315 1234 given", "ID 4201**********1234 given")]
    [InlineData("旧证号420106850315123。", "旧证号4201*******5123。")]
    [InlineData("联系电话13812345678", "联系电话138****5678")]
    [InlineData("手机 138 1234 5678 随时联系", "手机 138****5678 随时联系")]
    [InlineData("请打+86 13812345678", "请打138****5678")]
    [InlineData("座机0371-12345678转", "座机037******5678转")]
    [InlineData("办公室(0571) 87654321", "办公室057******4321")]
    [InlineData("电话：87654321", "电话：876*4321")]
    [InlineData("010-12345678-801", "010*********-801")]
    [InlineData("１３８１２３４５６７８", "138****5678")]
    public void Id_Numbers_And_Phones_In_Free_Text_Are_Masked(string text, string expected) =>
        Assert.Equal(expected, PrivacyMask.FreeText(text));

    [Theory]
    [InlineData("2026年12月5日上访，案件demo-2026-000123，涉及补偿款38000元")]
    [InlineData("账号6222021234567890123456（银行卡，不是证件）")]
    [InlineData("门牌12号，共5人")]
    [InlineData("")]
    public void Other_Numbers_Are_Left_Alone(string text) => Assert.Equal(text, PrivacyMask.FreeText(text));

    [Fact]
    public void Null_Gives_Empty() => Assert.Equal("", PrivacyMask.FreeText(null));
}
