using Reception.Core.Common;
using Reception.Core.Rotas.Model;

namespace Reception.Core.Tests.Rotas.Model;

public class SwapRequestTests
{
    private const string Leader = "user-leader", Colleague = "user-colleague", Clerk = "user-clerk";
    private static readonly DateTime Now = new(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc);

    private static SwapRequest Asked(SwapKind kind = SwapKind.Swap) =>
        SwapRequest.Ask(kind, assignmentId: 10, requesterLeaderId: 1, counterpartLeaderId: 2, counterpartAssignmentId: 20, " 出差 ", Leader, Now);

    /// <summary>Every step from every state: null where it is allowed, else the refusal naming the state.</summary>
    public static TheoryData<SwapStatus, string, SwapStatus?> Steps()
    {
        var allowed = new Dictionary<(SwapStatus, string), SwapStatus>
        {
            [(SwapStatus.Requested, "Accept")] = SwapStatus.Accepted,
            [(SwapStatus.Requested, "Decline")] = SwapStatus.Declined,
            [(SwapStatus.Requested, "Withdraw")] = SwapStatus.Withdrawn,
            [(SwapStatus.Accepted, "Withdraw")] = SwapStatus.Withdrawn,
            [(SwapStatus.Requested, "Approve")] = SwapStatus.Approved,
            [(SwapStatus.Accepted, "Approve")] = SwapStatus.Approved,
            [(SwapStatus.Requested, "Reject")] = SwapStatus.Rejected,
            [(SwapStatus.Accepted, "Reject")] = SwapStatus.Rejected,
            [(SwapStatus.Approved, "Undo")] = SwapStatus.Undone,
        };
        var data = new TheoryData<SwapStatus, string, SwapStatus?>();
        foreach (var status in Enum.GetValues<SwapStatus>())
            foreach (var step in Operations.Keys)
                data.Add(status, step, allowed.TryGetValue((status, step), out var to) ? to : null);
        return data;
    }

    private static readonly Dictionary<string, Func<SwapRequest, LocalizableMessage?>> Operations = new()
    {
        ["Accept"] = r => r.Accept(Colleague, Now),
        ["Decline"] = r => r.Decline(Colleague, Now),
        ["Withdraw"] = r => r.Withdraw(Leader, Now),
        ["Approve"] = r => r.Approve(Clerk, Now),
        ["Reject"] = r => r.Reject(Clerk, Now),
        ["Undo"] = r => r.Undo(Clerk, Now),
    };

    /// <summary>A request brought into <paramref name="status"/> through its own steps.</summary>
    private static SwapRequest In(SwapStatus status)
    {
        var r = Asked();
        var path = status switch
        {
            SwapStatus.Requested => [],
            SwapStatus.Accepted => ["Accept"],
            SwapStatus.Approved => ["Approve"],
            SwapStatus.Declined => ["Decline"],
            SwapStatus.Rejected => ["Reject"],
            SwapStatus.Withdrawn => ["Withdraw"],
            SwapStatus.Undone => new[] { "Approve", "Undo" },
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var step in path) Assert.Null(Operations[step](r));
        Assert.Equal(status, r.Status);
        return r;
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Step_IsAllowedOnlyFromItsStates_AndARefusalChangesNothing(SwapStatus from, string step, SwapStatus? to)
    {
        var r = In(from);
        var events = r.Events.Count;
        var refusal = Operations[step](r);
        if (to is { } expected)
        {
            Assert.Null(refusal);
            Assert.Equal(expected, r.Status);
            Assert.Equal(events + 1, r.Events.Count);
        }
        else
        {
            Assert.Equal(new LocalizableMessage(SwapRequest.NotNow, from).ToString(), refusal?.ToString());
            Assert.Equal(from, r.Status);
            Assert.Equal(events, r.Events.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void CanQueries_AgreeWithTheSteps(SwapStatus from, string step, SwapStatus? to)
    {
        var r = In(from);
        var can = step switch
        {
            "Accept" or "Decline" => r.CanBeAnswered,
            "Withdraw" => r.CanBeWithdrawn,
            "Approve" or "Reject" => r.CanBeDecided,
            _ => r.CanBeUndone,
        };
        Assert.Equal(to is not null, can);
    }

    [Fact]
    public void Ask_LogsTheRequest_ByTheAskingUser()
    {
        var r = Asked();
        Assert.Equal(SwapStatus.Requested, r.Status);
        Assert.True(r.IsOpen);
        Assert.Equal("出差", r.Reason);
        var e = Assert.Single(r.Events);
        Assert.Equal((SwapAction.Requested, Leader, Now), (e.Action, e.UserId, e.AtUtc));
    }

    [Fact]
    public void DoneByClerk_IsApprovedAtOnce_WithOneEvent()
    {
        var r = SwapRequest.DoneByClerk(SwapKind.Cover, 10, 1, 2, counterpartAssignmentId: 20, null, Clerk, Now);
        Assert.Equal(SwapStatus.Approved, r.Status);
        Assert.Null(r.CounterpartAssignmentId); // a cover takes no duty in return
        Assert.Equal(SwapAction.DoneByClerk, Assert.Single(r.Events).Action);
        Assert.True(r.CanBeUndone);
    }

    [Fact]
    public void Ask_RefusesNonsense()
    {
        Assert.Throws<ArgumentException>(() => SwapRequest.Ask(SwapKind.Swap, 10, 1, 1, 20, null, Leader, Now));
        Assert.Throws<ArgumentException>(() => SwapRequest.Ask(SwapKind.Swap, 10, 1, 2, null, null, Leader, Now));
        Assert.Throws<ArgumentException>(() => SwapRequest.Ask(SwapKind.Cover, 10, 1, 2, null, null, Leader, DateTime.SpecifyKind(Now, DateTimeKind.Local)));
    }
}
