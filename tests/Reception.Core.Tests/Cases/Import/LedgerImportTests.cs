using Reception.Core.Cases;
using Reception.Core.Cases.Import;

namespace Reception.Core.Tests.Cases.Import;

public class LedgerImportTests
{
    private const string Id = "11010519491231002X";
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static readonly string[] Headers = ["编号", "登记日期", "信访形式", "姓名", "身份证号", "联系电话", "人数", "问题类别", "摘要", "责任单位", "包案领导", "受理日期", "交办日期"];

    private static readonly LedgerLookups Lookups = new(
        new Dictionary<string, Channel>(StringComparer.OrdinalIgnoreCase) { ["来访"] = Channel.Visit, ["来信"] = Channel.Letter },
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["劳动社保"] = "labour", ["labour"] = "labour", ["征地拆迁"] = "land" },
        new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["人社局"] = 7 },
        new Dictionary<string, IReadOnlyList<int>> { ["王副县长"] = [3], ["李同名"] = [4, 5] },
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["旧-001"] = "demo-2026-00001" },
        Today);

    private static LedgerCheck Check(params string[][] rows) =>
        LedgerImport.Check(Headers, rows, LedgerMapping.For(Headers), Lookups);

    private static string[] Row(string reference = "2025-031", string received = "2026/3/5", string channel = "来访", string name = "李桂芳",
        string id = Id, string phone = "13812345678", string people = "", string category = "劳动社保", string summary = "拖欠工资",
        string unit = "", string leader = "", string accepted = "", string assigned = "") =>
        [reference, received, channel, name, id, phone, people, category, summary, unit, leader, accepted, assigned];

    private static IEnumerable<string> Keys(LedgerRow row) => row.Problems.Select(p => p.Message.Key);

    [Fact]
    public void AGoodRow_BecomesACase()
    {
        var check = Check(Row(unit: "人社局", leader: "王副县长", accepted: "2026年3月6日", assigned: "2026-03-09"));

        Assert.True(check.Succeeded);
        var c = check.Rows.Single().Case!;
        Assert.Equal(2, check.Rows[0].Row); // the header is row 1
        Assert.Equal(("2025-031", new DateOnly(2026, 3, 5), Channel.Visit, "labour", "拖欠工资"), (c.ExternalReference, c.ReceivedOn, c.Channel, c.CategoryCode, c.Summary));
        Assert.Equal((7, 3), (c.HandlingUnitId, c.OwnerLeaderId));
        Assert.Equal((new DateOnly(2026, 3, 6), new DateOnly(2026, 3, 9)), (c.AcceptedOn, c.AssignedOn));
        Assert.Equal(new LedgerPetitioner("李桂芳", Id, "13812345678", null, null), c.Petitioners.Single());
        Assert.Equal(1, c.NumberOfPeople);
    }

    [Fact]
    public void WrongIdChecksum_IsAProblemOfTheIdColumn_WithTheReason()
    {
        var bad = Id[..17] + "1";

        var row = Check(Row(id: bad)).Rows.Single();

        var problem = Assert.Single(row.Problems);
        Assert.Equal(4, problem.Column);
        Assert.Equal(LedgerImportMessages.InvalidIdentityNumber, problem.Message.Key);
        Assert.Equal("身份证号", problem.Message.Args[0]);
        Assert.Equal(IdentityNumber.BadCheckDigitKey, ((Reception.Core.Common.LocalizableMessage)problem.Message.Args[2]).Key);
        Assert.Null(row.Case);
    }

    [Fact]
    public void UnknownCategoryUnitAndLeader_AndAnAmbiguousLeader_AreProblems()
    {
        var check = Check(Row(category: "信访杂项", unit: "不存在局", leader: "赵某", accepted: "2026-03-06"), Row(reference: "2", unit: "人社局", leader: "李同名", accepted: "2026-03-06"));

        Assert.Equal([LedgerImportMessages.UnknownCategory, LedgerImportMessages.UnknownUnit, LedgerImportMessages.UnknownLeader], Keys(check.Rows[0]));
        Assert.Equal([LedgerImportMessages.AmbiguousLeader], Keys(check.Rows[1]));
        Assert.False(check.Succeeded);
        Assert.Equal(2, check.RowsWithProblems);
    }

    [Theory]
    [InlineData("2026-13-05", LedgerImportMessages.NotADate)]
    [InlineData("26/3/5", LedgerImportMessages.NotADate)]
    [InlineData("2026-11-23", LedgerImportMessages.DateInFuture)]
    [InlineData("1999-12-31", LedgerImportMessages.DateTooEarly)]
    [InlineData("", LedgerImportMessages.Required)]
    public void BadReceivedDates_AreProblemsOfThatColumn(string received, string key)
    {
        var problem = Assert.Single(Check(Row(received: received)).Rows.Single().Problems);
        Assert.Equal((1, key), (problem.Column, problem.Message.Key));
    }

    [Fact]
    public void ExcelSerialDates_AndTodayAreFine()
    {
        var c = Check(Row(received: "46086", accepted: "2026-11-22")).Rows.Single().Case!;
        Assert.Equal((new DateOnly(2026, 3, 5), new DateOnly(2026, 11, 22)), (c.ReceivedOn, c.AcceptedOn));
    }

    [Fact]
    public void DatesOutOfOrder_AreProblems()
    {
        var row = Check(Row(received: "2026-03-05", accepted: "2026-03-04")).Rows.Single();
        Assert.Equal([LedgerImportMessages.DateBeforeReceived], Keys(row));

        row = Check(Row(received: "2026-03-05", unit: "人社局", leader: "王副县长", accepted: "2026-03-06", assigned: "2026-03-05")).Rows.Single();
        Assert.Equal([LedgerImportMessages.AssignedBeforeAccepted], Keys(row));
    }

    [Fact]
    public void AnAssignment_NeedsLeaderUnitAndAcceptance()
    {
        Assert.Equal([LedgerImportMessages.AssignmentNeedsBoth, LedgerImportMessages.AssignmentNeedsAcceptance],
            Keys(Check(Row(unit: "人社局")).Rows.Single()));
        Assert.Equal([LedgerImportMessages.AssignedWithoutAssignment], Keys(Check(Row(accepted: "2026-03-06", assigned: "2026-03-07")).Rows.Single()));
    }

    [Fact]
    public void UnknownChannel_BadPhone_AndRequiredCells_AreProblems()
    {
        var row = Check(Row(channel: "微信", phone: "12345", name: "", summary: "", category: "")).Rows.Single();

        Assert.Equal([LedgerImportMessages.UnknownChannel, LedgerImportMessages.Required, LedgerImportMessages.Required, LedgerImportMessages.Required],
            Keys(row));
        Assert.Equal([2, 3, 7, 8], row.Problems.Select(p => p.Column));
    }

    [Fact]
    public void BlankChannel_IsAVisit()
    {
        Assert.Equal(Channel.Visit, Check(Row(channel: "")).Rows.Single().Case!.Channel);
        Assert.Equal(Channel.Letter, Check(Row(channel: "来信")).Rows.Single().Case!.Channel);
    }

    [Fact]
    public void SeveralPetitioners_AreSplitInOrder_AndPeopleAtLeastThatMany()
    {
        var second = "110105194912310038";
        var c = Check(Row(name: "张三、李四", id: "；" + second, phone: "13812345678；", people: "6")).Rows.Single().Case!;

        Assert.Equal(["张三", "李四"], c.Petitioners.Select(p => p.Name));
        Assert.Equal([null, second], c.Petitioners.Select(p => p.IdentityNumber));
        Assert.Equal(["13812345678", null], c.Petitioners.Select(p => p.Phone));
        Assert.Equal(6, c.NumberOfPeople);

        Assert.Equal([LedgerImportMessages.FewerPeopleThanPetitioners], Keys(Check(Row(name: "张三、李四", id: "", people: "1")).Rows.Single()));
        Assert.Equal([LedgerImportMessages.MorePartsThanNames], Keys(Check(Row(name: "张三", id: Id + "；" + second)).Rows.Single()));
        Assert.Equal([LedgerImportMessages.SameIdentityNumberTwice], Keys(Check(Row(name: "张三、李四", id: Id + "；" + Id)).Rows.Single()));
    }

    [Fact]
    public void OldNumbers_MustBeNewAndUnique()
    {
        var check = Check(Row(reference: "A-1"), Row(reference: "a-1"), Row(reference: "旧-001"), Row(reference: ""));

        Assert.Empty(check.Rows[0].Problems);
        var dup = Assert.Single(check.Rows[1].Problems);
        Assert.Equal((LedgerImportMessages.DuplicateReference, 2), (dup.Message.Key, dup.Message.Args[2]));
        var before = Assert.Single(check.Rows[2].Problems);
        Assert.Equal((LedgerImportMessages.ReferenceExists, "demo-2026-00001"), (before.Message.Key, before.Message.Args[2]));
        Assert.Null(check.Rows[3].Case!.ExternalReference);
    }

    [Fact]
    public void ALongSummary_KeepsItsWholeTextAsTheContent()
    {
        var text = new string('访', 250);

        var c = Check(Row(summary: text)).Rows.Single().Case!;

        Assert.Equal(PetitionCase.SummaryMaxLength, c.Summary.Length);
        Assert.EndsWith("…", c.Summary, StringComparison.Ordinal);
        Assert.Equal(text, c.Content);
    }
}
