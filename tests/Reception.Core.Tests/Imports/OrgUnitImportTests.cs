using Reception.Core.Imports;
using Reception.Core.Organisation;
using static Reception.Core.Tests.Imports.ImportAssert;
using K = Reception.Core.Imports.ImportMessageKeys;

namespace Reception.Core.Tests.Imports;

public class OrgUnitImportTests
{
    private static readonly Dictionary<string, OrgUnitKind> None = new();

    private static readonly Dictionary<string, OrgUnitKind> Existing = new()
    {
        ["henan"] = OrgUnitKind.Province,
        ["zhengzhou"] = OrgUnitKind.City,
        ["jinshui"] = OrgUnitKind.County,
        ["fengchan"] = OrgUnitKind.Street,
    };

    private static OrgUnitImportResult Parse(string text, Dictionary<string, OrgUnitKind>? existing = null) =>
        OrgUnitImport.Parse(text, existing ?? None);

    [Fact]
    public void GoodFile_WithEnglishHeaders()
    {
        var result = Parse(Csv(
            "code,name,kind,parent_code",
            "demo,Demo City,City,",
            "dongcheng,Dongcheng District,County,demo",
            "hsj,Human Resources Bureau,Department,demo",
            "beiguan,Beiguan Town,Township,dongcheng",
            "xiaozhuang,Xiaozhuang Village,Village,beiguan"));

        Assert.True(result.Succeeded);
        Assert.Empty(result.Errors);
        Assert.Equal(
            [
                new OrgUnitImportRow(2, "demo", "Demo City", OrgUnitKind.City, null),
                new OrgUnitImportRow(3, "dongcheng", "Dongcheng District", OrgUnitKind.County, "demo"),
                new OrgUnitImportRow(4, "hsj", "Human Resources Bureau", OrgUnitKind.Department, "demo"),
                new OrgUnitImportRow(5, "beiguan", "Beiguan Town", OrgUnitKind.Township, "dongcheng"),
                new OrgUnitImportRow(6, "xiaozhuang", "Xiaozhuang Village", OrgUnitKind.Village, "beiguan"),
            ],
            result.Rows);
    }

    [Fact]
    public void GoodFile_WithChineseHeadersInAnotherOrderAndChineseKinds()
    {
        var result = Parse(Csv(
            " 名称 ,上级代码,类型,代码",
            "郑州市,,市,zz",
            "金水区,zz,区,jinshui2",
            "中牟县,zz,县,zhongmou",
            "某县区,zz,县/区,xq",
            "丰产路街道,jinshui2,街道,fcl",
            "官渡镇,zhongmou,镇,guandu",
            "刘集乡,zhongmou,乡,liuji",
            "韩寺镇,zhongmou,乡镇,hansi",
            "某村,guandu,村,mou-cun",
            "某社区,fcl,社区,shequ1",
            "信访局,zz,部门,xfj"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(
            [OrgUnitKind.City, OrgUnitKind.County, OrgUnitKind.County, OrgUnitKind.County, OrgUnitKind.Street, OrgUnitKind.Township,
             OrgUnitKind.Township, OrgUnitKind.Township, OrgUnitKind.Village, OrgUnitKind.Community, OrgUnitKind.Department],
            result.Rows.Select(r => r.Kind));
        Assert.Equal("金水区", result.Rows[1].Name);
        Assert.Equal("zz", result.Rows[1].ParentCode);
    }

    [Fact]
    public void WithoutAParentColumnEveryUnit_IsARoot()
    {
        var result = Parse(Csv("代码,名称,类型", "hn,河南省,省", "zz,郑州市,市", "town,某镇,镇"));
        Errors(result.Errors, (4, K.KindNotRoot));

        result = Parse(Csv("代码,名称,类型", "hn,河南省,省", "zz,郑州市,市"));
        Assert.True(result.Succeeded);
        Assert.All(result.Rows, r => Assert.Null(r.ParentCode));
    }

    [Fact]
    public void HeadersAndKinds_AreCaseInsensitiveAndValuesAreTrimmed()
    {
        var result = Parse(Csv(
            "CODE , Name,KIND,Parent_Code",
            "  DongCheng  ,  东城区  , county ,  ZhengZhou "), Existing);

        Assert.True(result.Succeeded);
        Assert.Equal(new OrgUnitImportRow(2, "dongcheng", "东城区", OrgUnitKind.County, "zhengzhou"), Assert.Single(result.Rows));
    }

    [Fact]
    public void Parent_MayBeAnExistingUnit()
    {
        var result = Parse(Csv("code,name,kind,parent_code", "xinqu,新区,County,zhengzhou", "dept,部门,Department,fengchan"), Existing);

        Assert.True(result.Succeeded);
        Assert.Equal(["zhengzhou", "fengchan"], result.Rows.Select(r => r.ParentCode));
    }

    [Fact]
    public void ParentDefinedLater_InTheFile_ComesFirstInTheRows()
    {
        var result = Parse(Csv(
            "code,name,kind,parent_code",
            "cun1,一村,Village,town",
            "town,某镇,Township,county",
            "dept,某局,Department,county",
            "county,某县,County,"));

        Assert.True(result.Succeeded);
        Assert.Equal(["county", "town", "cun1", "dept"], result.Rows.Select(r => r.Code));
        Assert.Equal([5, 3, 2, 4], result.Rows.Select(r => r.Line));
    }

    [Fact]
    public void BlankLines_AreSkippedButCounted()
    {
        var result = Parse("code,name,kind,parent_code\n\n  \n,,,\ndemo,Demo,City,\n\nbad code,X,City,\n");

        Errors(result.Errors, (7, K.InvalidCode));
    }

    [Fact]
    public void CrlfLineEndingsAndTrailingEmptyCells_FromExcel_AreAccepted()
    {
        var result = Parse("\uFEFFcode,name,kind,parent_code,,\r\ndemo,Demo,City,,,\r\ntown,Town,Street,demo,,\r\n,,,,,\r\n");

        Assert.True(result.Succeeded);
        Assert.Equal([2, 3], result.Rows.Select(r => r.Line));
    }

    [Fact]
    public void QuotedFields_MayHoldCommasQuotesAndLineBreaks()
    {
        var result = Parse(
            "code,name,kind,parent_code\n" +
            "demo,\"Demo, the \"\"city\"\"\",City,\n" +
            "dc,\"Dong\ncheng\",County,demo\n" +
            "xq,\"\",County,demo\n");

        Errors(result.Errors, (5, K.Required)); // line 5: the quoted line break in line 3 counts
        Assert.Empty(result.Rows);

        result = Parse(
            "code,name,kind,parent_code\n" +
            "demo,\"Demo, the \"\"city\"\"\",City,\n" +
            "dc,\"Dong\r\ncheng\",County,demo\n" +
            "\"xq\" , \"新区\" ,County,demo\n");
        Assert.True(result.Succeeded);
        Assert.Equal("Demo, the \"city\"", result.Rows[0].Name);
        Assert.Equal("Dong\ncheng", result.Rows[1].Name);
        Assert.Equal(5, result.Rows[2].Line);
        Assert.Equal("新区", result.Rows[2].Name);
    }

    [Fact]
    public void MissingCodeNameAndKind_AreRequired()
    {
        var result = Parse(Csv("code,name,kind,parent_code", ",,,demo", "demo,,City,", "demo2,名称,,"));

        Errors(result.Errors, (2, K.Required), (2, K.Required), (2, K.Required), (3, K.Required), (4, K.Required));
        Assert.Equal(new object[] { "code" }, result.Errors[0].Message.Args);
        Assert.Equal(new object[] { "name" }, result.Errors[1].Message.Args);
        Assert.Equal(new object[] { "kind" }, result.Errors[2].Message.Args);
    }

    [Fact]
    public void MessagesNameColumnsAsWritten_InTheHeader()
    {
        var result = Parse(Csv("代码,名称,类型", "demo,,市"));

        var error = Single(result.Errors, 2, K.Required);
        Assert.Equal("名称 is required.", error.Message.ToString());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("-demo")]
    [InlineData("东城")]
    [InlineData("dong cheng")]
    [InlineData("dong_cheng")]
    [InlineData("abcdefghijklmnopqrstu")]
    public void InvalidCode_IsReported(string code)
    {
        var result = Parse(Csv("code,name,kind", $"{code},Demo,City"));

        var error = Single(result.Errors, 2, K.InvalidCode);
        Assert.Equal(new object[] { code }, error.Message.Args);
    }

    [Fact]
    public void Code_MayNotRepeatInTheFileOrExistAlready()
    {
        var result = Parse(Csv(
            "code,name,kind,parent_code",
            "demo,A,City,",
            "zhengzhou,B,City,",
            "DEMO,C,City,"), Existing);

        Errors(result.Errors, (3, K.CodeExists), (4, K.DuplicateCodeInFile));
        Assert.Equal(new object[] { "demo", 2 }, result.Errors[1].Message.Args);
    }

    [Fact]
    public void UnknownKind_IsReported()
    {
        var result = Parse(Csv("code,name,kind", "demo,Demo,Metropolis", "demo2,Demo,1", "demo3,Demo,\"City,County\""));

        Errors(result.Errors, (2, K.UnknownKind), (3, K.UnknownKind), (4, K.UnknownKind));
        Assert.Equal(new object[] { "Metropolis" }, result.Errors[0].Message.Args);
    }

    [Fact]
    public void NameLongerThanTheLimit_IsReported()
    {
        var ok = Parse(Csv("code,name,kind", $"demo,{new string('名', OrgUnit.NameMaxLength)},City"));
        Assert.True(ok.Succeeded);

        var result = Parse(Csv("code,name,kind", $"demo,{new string('名', OrgUnit.NameMaxLength + 1)},City"));
        var error = Single(result.Errors, 2, K.TooLong);
        Assert.Equal(new object[] { "name", OrgUnit.NameMaxLength }, error.Message.Args);
    }

    [Fact]
    public void UnknownParent_IsReported()
    {
        var result = Parse(Csv("code,name,kind,parent_code", "town,Town,Township,nowhere"), Existing);

        var error = Single(result.Errors, 2, K.UnitNotFound);
        Assert.Equal(new object[] { "nowhere" }, error.Message.Args);
    }

    [Fact]
    public void Unit_CannotBeItsOwnParent()
    {
        var result = Parse(Csv("code,name,kind,parent_code", "demo,Demo,City,Demo"));

        Single(result.Errors, 2, K.OwnParent);
    }

    [Fact]
    public void Kind_MustFitUnderTheParentKind()
    {
        var result = Parse(Csv(
            "code,name,kind,parent_code",
            "v1,Village,Village,jinshui",      // village under a county
            "c1,County,County,fengchan",       // county under a street
            "town,Town,Township,dept",         // township under a department in the file
            "dept,Dept,Department,henan"), Existing);

        Errors(result.Errors, (2, K.KindNotUnderParent), (3, K.KindNotUnderParent), (4, K.KindNotUnderParent));
        Assert.Equal(new object[] { OrgUnitKind.Village, OrgUnitKind.County }, result.Errors[0].Message.Args);
        Assert.Equal(new object[] { OrgUnitKind.Township, OrgUnitKind.Department }, result.Errors[2].Message.Args);
    }

    [Fact]
    public void OnlyRegions_MayBeRoots()
    {
        var result = Parse(Csv("code,name,kind,parent_code", "town,Town,Township,", "dept,Dept,部门,", "cty,County,County,"));

        Errors(result.Errors, (2, K.KindNotRoot), (3, K.KindNotRoot));
        Assert.Equal(new object[] { OrgUnitKind.Township }, result.Errors[0].Message.Args);
    }

    [Fact]
    public void Cycle_InTheFile_IsReportedOnEachOfItsRows()
    {
        var result = Parse(Csv(
            "code,name,kind,parent_code",
            "aa,A,County,bb",
            "cc,C,Township,aa",
            "bb,B,County,aa"));

        var cycles = result.Errors.Where(e => e.Message.Key == K.ParentCycle).ToList();
        Assert.Equal([2, 4], cycles.Select(e => e.Line));
        Assert.Equal("aa → bb → aa", cycles[0].Message.Args[0]);
        Assert.Equal("bb → aa → bb", cycles[1].Message.Args[0]);
        Assert.DoesNotContain(result.Errors, e => e.Line == 3);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void SeveralBadRows_AreAllReportedInLineOrderAndNothingIsReturned()
    {
        var result = Parse(Csv(
            "code,name,kind,parent_code",
            "good,Good City,City,",
            "x,Bad Code,City,",
            "good2,Good County,County,good",
            "bad-kind,Bad Kind,Planet,",
            "orphan,Orphan,Township,missing",
            "good3,Good Town,Township,good2"));

        Assert.False(result.Succeeded);
        Assert.Empty(result.Rows);
        Errors(result.Errors, (3, K.InvalidCode), (5, K.UnknownKind), (6, K.UnitNotFound));
    }

    [Fact]
    public void MissingRequiredColumns_AreOneErrorEachOnLine1()
    {
        var result = Parse(Csv("名称", "Demo"));

        Errors(result.Errors, (1, K.MissingColumn), (1, K.MissingColumn));
        Assert.Equal(new object[] { "代码 (code)" }, result.Errors[0].Message.Args);
        Assert.Equal(new object[] { "类型 (kind)" }, result.Errors[1].Message.Args);
    }

    [Fact]
    public void UnknownDuplicateAndUnnamedColumns_AreErrorsAndRowsAreNotChecked()
    {
        var result = Parse(Csv("code,name,kind,remark,,代码", "x,,Planet,hello,,y"));

        Errors(result.Errors, (1, K.UnknownColumn), (1, K.EmptyColumnName), (1, K.DuplicateColumn));
        Assert.Equal(new object[] { "remark" }, result.Errors[0].Message.Args);
        Assert.Equal(new object[] { 5 }, result.Errors[1].Message.Args);
        Assert.Equal(new object[] { "代码" }, result.Errors[2].Message.Args);
    }

    [Fact]
    public void EmptyFileAndHeaderOnlyFile_AreErrors()
    {
        Single(Parse("").Errors, 1, K.FileEmpty);
        Single(Parse("\n \n,,\n").Errors, 1, K.FileEmpty);
        Single(Parse("code,name,kind\n\n").Errors, 2, K.NoDataRows);
    }

    [Fact]
    public void Row_WithTheWrongNumberOfValues_IsReported()
    {
        var result = Parse(Csv("code,name,kind,parent_code", "demo,Demo,City", "demo2,Demo,City,,extra", "demo3,Demo,City,"));

        Errors(result.Errors, (2, K.WrongValueCount), (3, K.WrongValueCount));
        Assert.Equal(new object[] { 3, 4 }, result.Errors[0].Message.Args);
        Assert.Equal(new object[] { 5, 4 }, result.Errors[1].Message.Args);
    }

    [Fact]
    public void MalformedQuotes_AreReported()
    {
        var result = Parse(Csv("code,name,kind", "demo,\"Demo\"x,City", "demo2,Demo2,City", "demo3,\"Demo3,City", "demo4,Demo4,City"));

        // The unclosed quote on line 4 swallows the rest of the file.
        Errors(result.Errors, (2, K.MalformedQuotes), (4, K.MalformedQuotes));
    }

    [Fact]
    public void MalformedHeader_IsReported()
    {
        Single(Parse(Csv("code,\"name,kind", "demo,Demo,City")).Errors, 1, K.MalformedQuotes);
    }

    [Fact]
    public void Quote_InsideAnUnquotedValue_IsLiteral()
    {
        var result = Parse(Csv("code,name,kind", "demo,The 5\" City,City"));

        Assert.True(result.Succeeded);
        Assert.Equal("The 5\" City", result.Rows[0].Name);
    }
}
