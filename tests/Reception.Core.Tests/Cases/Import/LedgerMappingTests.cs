using Reception.Core.Cases.Import;

namespace Reception.Core.Tests.Cases.Import;

public class LedgerMappingTests
{
    [Theory]
    [InlineData("编号", LedgerField.ExternalReference)]
    [InlineData("事项编号", LedgerField.ExternalReference)]
    [InlineData("登记日期", LedgerField.ReceivedOn)]
    [InlineData(" 来访时间 ", LedgerField.ReceivedOn)]
    [InlineData("姓名", LedgerField.PetitionerName)]
    [InlineData("信访人", LedgerField.PetitionerName)]
    [InlineData("身份证号", LedgerField.IdentityNumber)]
    [InlineData("身份证号码（18位）", LedgerField.IdentityNumber)]
    [InlineData("联系电话", LedgerField.Phone)]
    [InlineData("诉求内容", LedgerField.Content)]
    [InlineData("问题类别", LedgerField.Category)]
    [InlineData("责任单位", LedgerField.HandlingUnit)]
    [InlineData("包案领导", LedgerField.OwnerLeader)]
    [InlineData("受理日期", LedgerField.AcceptedOn)]
    [InlineData("交办时间", LedgerField.AssignedOn)]
    [InlineData("信访形式", LedgerField.Channel)]
    [InlineData("人数", LedgerField.NumberOfPeople)]
    [InlineData("Received", LedgerField.ReceivedOn)]
    [InlineData("办理期限", LedgerField.Ignore)] // computed from the dates, never taken over
    [InlineData("备注", LedgerField.Ignore)]
    [InlineData("", LedgerField.Ignore)]
    public void Guess_ReadsChineseLedgerHeaders(string header, LedgerField expected) =>
        Assert.Equal(expected, LedgerMapping.Guess(header));

    [Fact]
    public void For_TheAppsOwnLedgerExport_MapsWhatItCanImport()
    {
        string[] headers = ["事项编号", "登记日期", "信访形式", "登记单位", "信访人", "身份证号", "联系电话", "住址", "人数", "集体访", "类别", "摘要",
            "责任单位", "协办单位", "转送单位", "包案领导", "督查专员", "受理日期", "交办日期", "当前时限", "起算日", "截止日期", "延期天数",
            "状态", "颜色", "最近进展", "答复日期", "评价", "办结日期", "标记"];

        var mapping = LedgerMapping.For(headers);

        Assert.Empty(mapping.Problems());
        Assert.Equal(0, mapping.ColumnOf(LedgerField.ExternalReference));
        Assert.Equal(4, mapping.ColumnOf(LedgerField.PetitionerName));
        Assert.Equal(15, mapping.ColumnOf(LedgerField.OwnerLeader));
        Assert.Equal(18, mapping.ColumnOf(LedgerField.AssignedOn));
        Assert.Equal(LedgerField.Ignore, mapping[21]); // 截止日期: computed again
        Assert.Equal(14, mapping.Fields.Count(f => f != LedgerField.Ignore));
    }

    [Fact]
    public void For_OnlyContent_BecomesTheSummary_AndAFieldGoesToTheFirstColumnOnly()
    {
        var mapping = LedgerMapping.For(["编号", "登记日期", "姓名", "诉求内容", "问题类别", "电话", "手机"]);

        Assert.Equal(LedgerField.Summary, mapping[3]);
        Assert.Equal(LedgerField.Phone, mapping[5]);
        Assert.Equal(LedgerField.Ignore, mapping[6]);
        Assert.Empty(mapping.Problems());
    }

    [Fact]
    public void For_RememberedChoicesWin_OverGuesses()
    {
        var remembered = new Dictionary<string, LedgerField>
        {
            [LedgerMapping.Key("序号")] = LedgerField.ExternalReference,
            [LedgerMapping.Key("编号")] = LedgerField.Ignore,
        };

        var mapping = LedgerMapping.For(["序号", "编号", "日期", "姓名"], remembered);

        Assert.Equal([LedgerField.ExternalReference, LedgerField.Ignore, LedgerField.Ignore, LedgerField.PetitionerName], mapping.Fields);
    }

    [Fact]
    public void Problems_NameMissingAndDoubledFields()
    {
        var mapping = new LedgerMapping([LedgerField.PetitionerName, LedgerField.PetitionerName, LedgerField.Summary]);

        var problems = mapping.Problems();

        Assert.Contains(problems, p => p.Key == LedgerImportMessages.FieldNotMapped && Equals(p.Args[0], LedgerField.ReceivedOn));
        Assert.Contains(problems, p => p.Key == LedgerImportMessages.FieldNotMapped && Equals(p.Args[0], LedgerField.Category));
        Assert.Contains(problems, p => p.Key == LedgerImportMessages.FieldMappedTwice && Equals(p.Args[0], LedgerField.PetitionerName));
        Assert.Equal(3, problems.Count);
    }
}
