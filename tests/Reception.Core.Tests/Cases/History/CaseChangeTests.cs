using System.Reflection;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Cases.History;

namespace Reception.Core.Tests.Cases.History;

/// <summary>
/// The typed history: every kind of change is written and read back as the same record, reads what earlier versions
/// stored, and an event it cannot read gives an <see cref="Unreadable"/> rather than an exception.
/// </summary>
public class CaseChangeTests
{
    private static readonly DateTime At = new(2026, 3, 20, 8, 0, 0, DateTimeKind.Utc);

    public static TheoryData<CaseChange> Changes() =>
    [
        new Registered("demo-2026-000001", Channel.Letter, new DateOnly(2026, 3, 2), "land", 3, CaseFlags.None),
        new Registered("demo-2026-000002", Channel.Visit, new DateOnly(2026, 4, 1), AppealOf: "demo-2026-000001", AppealLevel: AppealLevel.Review),
        new NumberOfPeopleChanged(new PeopleCount(3, CaseFlags.None), new PeopleCount(6, CaseFlags.Collective)),
        new FlagsChanged(new FlagState(CaseFlags.None), new FlagState(CaseFlags.Key)),
        new FlagsChanged(new FlagState(CaseFlags.Collective), new FlagState(CaseFlags.Collective | CaseFlags.Repeat, 42), RepeatLink: true),
        new StateChanged(CaseEventKind.Accepted, CaseState.Registered, CaseState.Accepted),
        new StateChanged(CaseEventKind.HandlingStarted, CaseState.Assigned, CaseState.InProgress),
        new StateChanged(CaseEventKind.Closed, CaseState.Evaluated, CaseState.Closed),
        new StateChanged(CaseEventKind.Terminated, CaseState.Replied, CaseState.Terminated),
        new AcceptanceRefused(CaseState.Transferred, "不属于受理范围"),
        new Transferred(new Routing(CaseState.Registered, null), new Routing(CaseState.Transferred, 7)),
        new ObjectionRecorded(7, "不属于本单位职责"),
        new Assigned(CaseState.Accepted, new Assignment(CaseState.Assigned, 3, 7, [8, 9], 12, "user-1")),
        new Reassigned(new Assignment(CaseState.InProgress, 3, 7, [], null, null), new Assignment(CaseState.InProgress, 4, 7, [9], 12, "user-2")),
        new ProgressAdded("已实地核查，\"引号\"与\\反斜杠"),
        new InstructionAdded(3, "要求一周内化解"),
        new Replied(CaseState.InProgress, new DateOnly(2026, 5, 6), "书面答复全文"),
        new Evaluated(CaseState.Replied, Evaluation.BasicallySatisfied),
        new Resolved(new DateOnly(2026, 5, 7)),
        new ExtensionRequested(20, "需进一步调查"),
        new ExtensionDecided(true, 20, 20),
        new ExtensionDecided(false, 20, null),
        new AppealFiled("city-2026-000003", AppealLevel.ReReview),
        new ListingChanged(true, "群体性事项"),
        new ListingChanged(false, null),
        new HearingRecorded(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 5)),
        new ColourChanged(SupervisionColour.Blue, SupervisionColour.Yellow),
        new ColourChanged(null, SupervisionColour.Green),
        new Escalated(false),
        new Escalated(true),
        new ChecklistChanged("一个专班", true),
        new VisitLinked(15, new DateOnly(2026, 4, 2), true),
        new NoticeRecorded(false, 7, new DateOnly(2026, 4, 10), "请于期限内答复"),
        new NoticeRecorded(true, 7, new DateOnly(2026, 4, 10), null),
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Read_OfAStoredChange_GivesTheSameRecord(CaseChange change)
    {
        var stored = change.ToEvent("clerk", At);

        var read = CaseChange.Read(stored);

        Assert.Equal(change.Kind, stored.Kind);
        Assert.Equal(Describe(change), Describe(read));
        Assert.DoesNotContain("\"kind\"", stored.After ?? "", StringComparison.Ordinal); // the kind is the event's column, not its text
    }

    [Fact]
    public void Changes_CoverEveryKindOfEvent()
    {
        var covered = ((IEnumerable<object[]>)Changes()).Select(row => ((CaseChange)row[0]).Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<CaseEventKind>().Order(), covered.Order());
    }

    [Theory]
    // As earlier versions wrote them: explicit nulls, a registration without flags, bare flag names.
    [InlineData(CaseEventKind.Transferred, "{\"state\":\"Registered\",\"unitId\":null}", "{\"state\":\"Transferred\",\"unitId\":5}")]
    [InlineData(CaseEventKind.Registered, null, "{\"number\":\"c001-2025-000001\",\"receivedOn\":\"2025-01-02\",\"category\":\"land\",\"numberOfPeople\":2}")]
    [InlineData(CaseEventKind.FlagsChanged, "Collective", "Collective, Key")]
    [InlineData(CaseEventKind.Reassigned, "{\"state\":\"Assigned\",\"ownerLeaderId\":1,\"handlingUnitId\":2,\"coHandlingUnitIds\":[],\"stabilityControlUnitId\":null,\"supervisorUserId\":null}",
        "{\"state\":\"Assigned\",\"ownerLeaderId\":3,\"handlingUnitId\":2,\"coHandlingUnitIds\":[4],\"stabilityControlUnitId\":null,\"supervisorUserId\":null}")]
    public void Read_WhatEarlierVersionsStored_GivesTheRecord(CaseEventKind kind, string? before, string after)
    {
        var change = CaseChange.Read(EventOf(kind, before, after));

        Assert.IsNotType<Unreadable>(change);
        switch (change)
        {
            case Transferred t:
                Assert.Equal((CaseState.Registered, (int?)null, CaseState.Transferred, (int?)5), (t.Before!.State, t.Before.UnitId, t.After!.State, t.After.UnitId));
                break;
            case Registered r:
                Assert.Equal(("c001-2025-000001", new DateOnly(2025, 1, 2), 2, (CaseFlags?)null), (r.Number, r.ReceivedOn, r.NumberOfPeople!.Value, r.Flags));
                break;
            case FlagsChanged f:
                Assert.Equal((CaseFlags.Collective, CaseFlags.Collective | CaseFlags.Key), (f.Before!.Flags, f.After!.Flags));
                break;
            case Reassigned r:
                Assert.Equal((1, 3), (r.Before!.OwnerLeaderId!.Value, r.After.OwnerLeaderId!.Value));
                Assert.Equal([4], r.After.CoHandlingUnitIds);
                break;
            default:
                Assert.Fail($"Unexpected {change.GetType().Name}");
                break;
        }
    }

    [Theory]
    [InlineData(CaseEventKind.Registered, "{not json")]
    [InlineData(CaseEventKind.InstructionAdded, "plain text where an object belongs")]
    [InlineData(CaseEventKind.Resolved, "someday")]
    public void Read_OfTextItCannotRead_IsUnreadable_NotAnException(CaseEventKind kind, string after) =>
        Assert.Equal(new Unreadable(kind), CaseChange.Read(EventOf(kind, null, after)));

    [Fact]
    public void StoredText_IsWhatEarlierVersionsWrote()
    {
        Assert.Equal((null, "{\"visitId\":15,\"date\":\"2026-04-02\",\"appointment\":true}"), new VisitLinked(15, new DateOnly(2026, 4, 2), true).Store());
        Assert.Equal(("Registered", "{\"state\":\"NotAccepted\",\"reason\":\"out of remit\"}"), new AcceptanceRefused(CaseState.Registered, "out of remit").Store());
        Assert.Equal(("Collective", (CaseFlags.Collective | CaseFlags.Key).ToString()), new FlagsChanged(new FlagState(CaseFlags.Collective), new FlagState(CaseFlags.Collective | CaseFlags.Key)).Store());
        Assert.Equal(("Green", "Red"), new ColourChanged(SupervisionColour.Green, SupervisionColour.Red).Store());
    }

    [Fact]
    public void ACase_WritesItsHistoryAsTypedChanges()
    {
        var c = PetitionCase.Register(new CaseIntake(new CaseNumber("demo", 2026, 1), 1, Channel.Visit, new DateOnly(2026, 3, 2), "land", "摘要", null, 1,
            [new CasePetitioner("张三", null, null, null, null)]), "clerk", At).Value!;
        Assert.True(c.Accept("clerk", At).Succeeded);
        Assert.True(c.Assign(3, 7, [9, 8], 12, "sup", "clerk", At).Succeeded);

        CaseChange[] expected =
        [
            new Registered("demo-2026-000001", Channel.Visit, new DateOnly(2026, 3, 2), "land", 1, CaseFlags.None),
            new StateChanged(CaseEventKind.Accepted, CaseState.Registered, CaseState.Accepted),
            new Assigned(CaseState.Accepted, new Assignment(CaseState.Assigned, 3, 7, [8, 9], 12, "sup")),
        ];
        Assert.Equal(expected.Select(Describe), c.Events.Select(e => Describe(e.Change)));
    }

    /// <summary>A record's value as text, lists included (records compare lists by reference).</summary>
    private static string Describe(CaseChange change) =>
        change.GetType().Name + string.Concat(change.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => $"|{p.Name}={Value(p.GetValue(change))}"));

    private static string Value(object? value) => value switch
    {
        null => "null",
        Assignment a => $"{a.State},{a.OwnerLeaderId},{a.HandlingUnitId},[{string.Join(",", a.CoHandlingUnitIds)}],{a.StabilityControlUnitId},{a.SupervisorUserId}",
        _ => value.ToString() ?? "",
    };

    private static CaseEvent EventOf(CaseEventKind kind, string? before, string? after) =>
        (CaseEvent)Activator.CreateInstance(typeof(CaseEvent), BindingFlags.NonPublic | BindingFlags.Instance, null, [kind, "clerk", At, before, after], null)!;
}
