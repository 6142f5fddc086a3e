using Reception.Core.Imports;
using Reception.Core.Organisation;
using static Reception.Core.Tests.Imports.ImportAssert;
using K = Reception.Core.Imports.ImportMessageKeys;

namespace Reception.Core.Tests.Imports;

public class LeaderImportTests
{
    private static readonly Dictionary<string, int> Units = new() { ["demo"] = 1, ["dongcheng"] = 7 };

    private const string Header = "name,title,leading_body,org_code,rotation_order,email,phone";

    private static LeaderImportResult Parse(string text) => LeaderImport.Parse(text, Units);

    [Fact]
    public void GoodFile_WithChineseHeaders()
    {
        var result = Parse(Csv(
            "姓名,职务,班子,单位代码,排序,邮箱,电话",
            "张三,市委书记,党委,demo,1,zhangsan@demo.gov.cn,13812345678",
            "李四,人大常委会主任,人大,demo,2,,",
            "王五,市长,政府,DEMO,3,,0371-12345678",
            "赵六,政协主席,政协,dongcheng,4,zhao.liu@example.com,"));

        Assert.True(result.Succeeded);
        Assert.Equal(
            [
                new LeaderImportRow(2, "张三", "市委书记", LeadingBody.PartyCommittee, 1, 1, "zhangsan@demo.gov.cn", "13812345678"),
                new LeaderImportRow(3, "李四", "人大常委会主任", LeadingBody.PeoplesCongress, 1, 2, null, null),
                new LeaderImportRow(4, "王五", "市长", LeadingBody.Government, 1, 3, null, "0371-12345678"),
                new LeaderImportRow(5, "赵六", "政协主席", LeadingBody.PoliticalConsultative, 7, 4, "zhao.liu@example.com", null),
            ],
            result.Rows);
    }

    [Fact]
    public void GoodFile_WithEnglishHeadersInAnotherOrderWithoutOptionalColumns()
    {
        var result = Parse(Csv(
            "Rotation_Order,ORG_CODE,Leading_Body,Title,Name",
            "10,dongcheng,government,Deputy Mayor,Wang Wu",
            "9999,demo,PartyCommittee,Secretary,\"Zhang, San\""));

        Assert.True(result.Succeeded);
        Assert.Equal(
            [
                new LeaderImportRow(2, "Wang Wu", "Deputy Mayor", LeadingBody.Government, 7, 10, null, null),
                new LeaderImportRow(3, "Zhang, San", "Secretary", LeadingBody.PartyCommittee, 1, 9999, null, null),
            ],
            result.Rows);
    }

    [Fact]
    public void Contacts_AreNormalised()
    {
        var result = Parse(Csv(Header, "张三,书记,党委,demo,1, zhang＠demo.gov.cn ,１３８ １２３４ ５６７８"));

        var row = Assert.Single(result.Rows);
        Assert.Equal("zhang@demo.gov.cn", row.Email);
        Assert.Equal("13812345678", row.Phone);
    }

    [Fact]
    public void NameAndTitle_AreRequiredAndLimited()
    {
        var result = Parse(Csv(
            Header,
            ",书记,党委,demo,1,,",
            "张三,,党委,demo,1,,",
            $"{new string('名', Leader.NameMaxLength + 1)},{new string('职', Leader.TitleMaxLength + 1)},党委,demo,1,,",
            $"{new string('名', Leader.NameMaxLength)},{new string('职', Leader.TitleMaxLength)},党委,demo,1,,"));

        Errors(result.Errors, (2, K.Required), (3, K.Required), (4, K.TooLong), (4, K.TooLong));
        Assert.Equal(new object[] { "name" }, result.Errors[0].Message.Args);
        Assert.Equal(new object[] { "title" }, result.Errors[1].Message.Args);
        Assert.Equal(new object[] { "title", Leader.TitleMaxLength }, result.Errors[3].Message.Args);
    }

    [Fact]
    public void LeadingBody_MustBeKnown()
    {
        var result = Parse(Csv(Header, "张三,书记,纪委,demo,1,,", "李四,书记,3,demo,1,,", "王五,书记,,demo,1,,"));

        Errors(result.Errors, (2, K.UnknownLeadingBody), (3, K.UnknownLeadingBody), (4, K.Required));
        Assert.Equal(new object[] { "纪委" }, result.Errors[0].Message.Args);
    }

    [Fact]
    public void OrgCode_MustExist()
    {
        var result = Parse(Csv(Header, "张三,书记,党委,xicheng,1,,", "李四,书记,党委,,1,,"));

        Errors(result.Errors, (2, K.UnitNotFound), (3, K.Required));
        Assert.Equal(new object[] { "xicheng" }, result.Errors[0].Message.Args);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10000")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("first")]
    [InlineData("99999999999")]
    public void RotationOrder_MustBeAWholeNumberFrom1To9999(string order)
    {
        var result = Parse(Csv("姓名,职务,班子,单位代码,排序", $"张三,书记,党委,demo,{order}"));

        var error = Single(result.Errors, 2, K.NotAnIntegerInRange);
        Assert.Equal(new object[] { "排序", order, 1, 9999 }, error.Message.Args);
    }

    [Fact]
    public void InvalidEmailAndPhone_AreReported()
    {
        var result = Parse(Csv(Header, "张三,书记,党委,demo,1,zhangsan,12345", "李四,书记,党委,demo,2,a@b,"));

        Errors(result.Errors, (2, ContactRules.InvalidEmailKey), (2, ContactRules.InvalidPhoneKey), (3, ContactRules.InvalidEmailKey));
        Assert.Equal(new object[] { "zhangsan" }, result.Errors[0].Message.Args);
    }

    [Fact]
    public void MissingRequiredColumns_AreReportedOnLine1()
    {
        var result = Parse(Csv("姓名,职务,邮箱,电话,fax", "张三,书记,,,"));

        Errors(result.Errors, (1, K.UnknownColumn), (1, K.MissingColumn), (1, K.MissingColumn), (1, K.MissingColumn));
        Assert.Equal(
            ["班子 (leading_body)", "单位代码 (org_code)", "排序 (rotation_order)"],
            result.Errors.Skip(1).Select(e => (string)e.Message.Args[0]));
    }

    [Fact]
    public void AllOrNothing_WithEveryBadRowReported()
    {
        var result = Parse(Csv(
            Header,
            "张三,书记,党委,demo,1,,",
            "李四,书记,党委,nowhere,2,,",
            "王五,市长,政府,demo,3,,",
            "",
            "赵六,,政协,demo,x,,110"));

        Assert.False(result.Succeeded);
        Assert.Empty(result.Rows);
        Errors(result.Errors,
            (3, K.UnitNotFound),
            (6, K.Required), (6, K.NotAnIntegerInRange), (6, ContactRules.InvalidPhoneKey));
    }

    [Fact]
    public void QuotedMultilineValue_ShiftsLaterLineNumbers()
    {
        var result = Parse(Csv(
            Header,
            "\"张三\",\"书记,\n兼\n主任\",党委,demo,1,,",
            "李四,书记,党委,demo,0,,"));

        Single(result.Errors, 5, K.NotAnIntegerInRange);
    }
}
