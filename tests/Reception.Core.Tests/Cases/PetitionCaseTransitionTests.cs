using Reception.Core.Cases;
using M = Reception.Core.Cases.CaseMessages;
using S = Reception.Core.Cases.CaseState;

namespace Reception.Core.Tests.Cases;

public enum Op
{
    Accept,
    RejectAcceptance,
    Transfer,
    RecordObjection,
    Assign,
    StartHandling,
    AddProgress,
    AddInstruction,
    Reply,
    Evaluate,
    Close,
    Resolve,
    Terminate,
    RequestExtension,
    ApproveExtension,
    RefuseExtension,
    FileAppeal,
}

/// <summary>
/// The full table: every operation from every state, allowed (with the state after) or refused (with the message).
/// A refusal changes nothing and logs nothing; a success logs exactly one event by the acting user at the given time.
/// </summary>
public class PetitionCaseTransitionTests
{
    private const string User = "user-9";
    private static readonly DateTime Now = new(2026, 3, 20, 8, 0, 0, DateTimeKind.Utc);

    // One line per state: Accept, RejectAcceptance, Transfer, RecordObjection, Assign, StartHandling, AddProgress,
    // AddInstruction, Reply, Evaluate, Close, Resolve, Terminate, RequestExtension, ApproveExtension, RefuseExtension, FileAppeal.
    // null = allowed.
    private static readonly Dictionary<S, string?[]> Table = new()
    {
        [S.Registered] = [null, null, null, M.ObjectionOnlyAgainstTransfer, M.AssignBeforeAcceptance, M.StartBeforeAssignment,
            M.ProgressOnlyWhileHandling, null, M.ReplyBeforeAcceptance, M.EvaluationBeforeReply, M.CloseBeforeReply,
            M.ResolveBeforeHandling, M.TerminateOnlyReReview, M.ExtensionOnlyWhileHandling, M.ExtensionOnlyWhileHandling,
            M.ExtensionOnlyWhileHandling, M.AppealBeforeReply],
        [S.Transferred] = [null, null, null, null, M.AssignBeforeAcceptance, M.StartBeforeAssignment,
            M.ProgressOnlyWhileHandling, null, M.ReplyBeforeAcceptance, M.EvaluationBeforeReply, M.CloseBeforeReply,
            M.ResolveBeforeHandling, M.TerminateOnlyReReview, M.ExtensionOnlyWhileHandling, M.ExtensionOnlyWhileHandling,
            M.ExtensionOnlyWhileHandling, M.AppealBeforeReply],
        [S.Accepted] = [M.AlreadyAccepted, M.AlreadyAccepted, M.TransferAfterAcceptance, M.ObjectionOnlyAgainstTransfer, null, M.StartBeforeAssignment,
            M.ProgressOnlyWhileHandling, null, M.ReplyBeforeHandling, M.EvaluationBeforeReply, M.CloseBeforeReply,
            M.ResolveBeforeHandling, M.TerminateOnlyReReview, null, M.NoExtensionRequest, M.NoExtensionRequest, M.AppealBeforeReply],
        [S.Assigned] = [M.AlreadyAccepted, M.AlreadyAccepted, M.TransferAfterAcceptance, M.ObjectionOnlyAgainstTransfer, null, null,
            M.ProgressOnlyWhileHandling, null, M.ReplyBeforeHandling, M.EvaluationBeforeReply, M.CloseBeforeReply,
            M.ResolveBeforeHandling, M.TerminateOnlyReReview, null, M.NoExtensionRequest, M.NoExtensionRequest, M.AppealBeforeReply],
        [S.InProgress] = [M.AlreadyAccepted, M.AlreadyAccepted, M.TransferAfterAcceptance, M.ObjectionOnlyAgainstTransfer, null, M.AlreadyStarted,
            null, null, null, M.EvaluationBeforeReply, M.CloseBeforeReply,
            null, M.TerminateOnlyReReview, null, M.NoExtensionRequest, M.NoExtensionRequest, M.AppealBeforeReply],
        [S.Replied] = [M.AlreadyAccepted, M.AlreadyAccepted, M.TransferAfterAcceptance, M.ObjectionOnlyAgainstTransfer, M.AssignAfterReply, M.AlreadyStarted,
            M.ProgressOnlyWhileHandling, null, M.AlreadyReplied, null, null,
            null, M.TerminateOnlyReReview, M.ExtensionOnlyWhileHandling, M.ExtensionOnlyWhileHandling, M.ExtensionOnlyWhileHandling, null],
        [S.Evaluated] = [M.AlreadyAccepted, M.AlreadyAccepted, M.TransferAfterAcceptance, M.ObjectionOnlyAgainstTransfer, M.AssignAfterReply, M.AlreadyStarted,
            M.ProgressOnlyWhileHandling, null, M.AlreadyReplied, M.AlreadyEvaluated, null,
            null, M.TerminateOnlyReReview, M.ExtensionOnlyWhileHandling, M.ExtensionOnlyWhileHandling, M.ExtensionOnlyWhileHandling, null],
        [S.Closed] = [M.IsClosed, M.IsClosed, M.IsClosed, M.IsClosed, M.IsClosed, M.IsClosed,
            M.IsClosed, M.IsClosed, M.IsClosed, M.IsClosed, M.IsClosed,
            null, M.TerminateOnlyReReview, M.IsClosed, M.IsClosed, M.IsClosed, null],
        [S.NotAccepted] = [M.IsNotAccepted, M.IsNotAccepted, M.IsNotAccepted, M.IsNotAccepted, M.IsNotAccepted, M.IsNotAccepted,
            M.IsNotAccepted, M.IsNotAccepted, M.IsNotAccepted, M.IsNotAccepted, M.IsNotAccepted,
            M.ResolveBeforeHandling, M.IsNotAccepted, M.IsNotAccepted, M.IsNotAccepted, M.IsNotAccepted, M.IsNotAccepted],
    };

    // The state after a successful operation (when it moves).
    private static readonly Dictionary<Op, S> MovesTo = new()
    {
        [Op.Accept] = S.Accepted,
        [Op.RejectAcceptance] = S.NotAccepted,
        [Op.Transfer] = S.Transferred,
        [Op.StartHandling] = S.InProgress,
        [Op.Reply] = S.Replied,
        [Op.Evaluate] = S.Evaluated,
        [Op.Close] = S.Closed,
        [Op.Terminate] = S.Terminated,
    };

    public static TheoryData<S, Op, string?, S> OriginalCaseRows()
    {
        var data = new TheoryData<S, Op, string?, S>();
        foreach (var (state, row) in Table)
        {
            Assert.Equal(Enum.GetValues<Op>().Length, row.Length);
            foreach (var op in Enum.GetValues<Op>())
            {
                var key = row[(int)op];
                var after = key is null && MovesTo.TryGetValue(op, out var to) ? to
                    : key is null && op == Op.Assign && state == S.Accepted ? S.Assigned
                    : state;
                data.Add(state, op, key, after);
            }
        }

        return data;
    }

    [Fact]
    public void TheTable_CoversEveryStateButTerminatedWhichNeedsAReReview()
    {
        Assert.Equal(Enum.GetValues<S>().Where(s => s != S.Terminated).Order(), Table.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(OriginalCaseRows))]
    public void Original_Case(S from, Op op, string? expectedError, S expectedState) =>
        Check(CaseBuilder.InState(from), op, expectedError, expectedState);

    public static TheoryData<S, Op, string?, S> ReReviewRows()
    {
        var data = new TheoryData<S, Op, string?, S>();
        foreach (var s in new[] { S.Registered, S.Transferred, S.Accepted, S.Assigned, S.InProgress })
            data.Add(s, Op.Terminate, M.TerminateBeforeReply, s);
        foreach (var s in new[] { S.Replied, S.Evaluated, S.Closed })
        {
            data.Add(s, Op.Terminate, null, S.Terminated);
            data.Add(s, Op.FileAppeal, M.AppealAfterReReview, s);
        }

        data.Add(S.NotAccepted, Op.Terminate, M.IsNotAccepted, S.NotAccepted);
        foreach (var op in Enum.GetValues<Op>())
            data.Add(S.Terminated, op, op == Op.Resolve ? null : M.IsTerminated, S.Terminated);
        return data;
    }

    [Theory]
    [MemberData(nameof(ReReviewRows))]
    public void ReReviewCase_Clocks(S from, Op op, string? expectedError, S expectedState) =>
        Check(CaseBuilder.InState(from, AppealLevel.ReReview), op, expectedError, expectedState);

    /// <summary>What the case says may be done now is exactly what its operations let through (and with the same message).</summary>
    [Theory]
    [MemberData(nameof(OriginalCaseRows))]
    public void Original_case_allows_what_succeeds(S from, Op op, string? expectedError, S expectedState) =>
        CheckAllows(CaseBuilder.InState(from), op, expectedError, expectedState);

    [Theory]
    [MemberData(nameof(ReReviewRows))]
    public void Re_review_case_allows_what_succeeds(S from, Op op, string? expectedError, S expectedState) =>
        CheckAllows(CaseBuilder.InState(from, AppealLevel.ReReview), op, expectedError, expectedState);

    private static void CheckAllows(PetitionCase c, Op op, string? expectedError, S expectedState)
    {
        _ = expectedState;
        var operation = Enum.Parse<CaseOperation>(op.ToString());
        Assert.Equal(expectedError is null, c.Allows(operation));
        Assert.Equal(expectedError, c.Refuses(operation)?.Key);
        Assert.Equal(expectedError is null, c.AllowedOperations().Contains(operation));
    }

    [Theory]
    [InlineData(S.Accepted)]
    [InlineData(S.Assigned)]
    [InlineData(S.InProgress)]
    public void Only_an_original_matter_can_be_extended(S state)
    {
        foreach (var level in new[] { AppealLevel.Review, AppealLevel.ReReview })
        {
            var c = CaseBuilder.InState(state, level);
            Assert.False(c.Allows(CaseOperation.RequestExtension));
            var refused = c.RequestExtension(10, "需要补充调查", User, Now);
            Assert.Equal(M.ExtensionOnlyOriginal, refused.Error?.Key);
            Assert.False(c.IsExtensionPending);
        }

        Assert.True(CaseBuilder.InState(state).RequestExtension(PetitionCase.MaxExtensionDays, "需要补充调查", User, Now).Succeeded);
    }

    [Theory]
    [InlineData(S.Replied)]
    [InlineData(S.Evaluated)]
    [InlineData(S.Closed)]
    public void AReviewCase_CanBeAppealedToReReviewButNotTerminated(S from)
    {
        Check(CaseBuilder.InState(from, AppealLevel.Review), Op.Terminate, M.TerminateOnlyReReview, from);
        Check(CaseBuilder.InState(from, AppealLevel.Review), Op.FileAppeal, null, from);
    }

    private static void Check(PetitionCase c, Op op, string? expectedError, S expectedState)
    {
        var eventsBefore = c.Events.Count;
        var result = Run(c, op);
        Assert.Equal(expectedError, result.Error?.Key);
        Assert.Equal(expectedState, c.State);
        if (expectedError is null)
        {
            Assert.Equal(eventsBefore + 1, c.Events.Count);
            var e = c.Events[^1];
            Assert.Equal(User, e.UserId);
            Assert.Equal(Now, e.AtUtc);
        }
        else
        {
            Assert.Equal(eventsBefore, c.Events.Count);
        }
    }

    private static CaseResult Run(PetitionCase c, Op op)
    {
        switch (op)
        {
            case Op.Accept: return c.Accept(User, Now);
            case Op.RejectAcceptance: return c.RejectAcceptance("应通过诉讼解决", User, Now);
            case Op.Transfer: return c.Transfer(31, User, Now);
            case Op.RecordObjection: return c.RecordObjection("不属于本单位职责", User, Now);
            case Op.Assign: return c.Assign(8, 50, [51], 52, "sup-2", User, Now);
            case Op.StartHandling: return c.StartHandling(User, Now);
            case Op.AddProgress: return c.AddProgress("已约谈信访人", User, Now);
            case Op.AddInstruction: return c.AddInstruction(7, "请尽快化解", User, Now);
            case Op.Reply: return c.Reply("经核查……", c.ReceivedOn.AddDays(10), User, Now);
            case Op.Evaluate: return c.Evaluate(Evaluation.BasicallySatisfied, User, Now);
            case Op.Close: return c.Close(User, Now);
            case Op.Resolve: return c.Resolve(c.ReceivedOn.AddDays(10), User, Now);
            case Op.Terminate: return c.Terminate(User, Now);
            case Op.RequestExtension: return c.RequestExtension(30, "需要鉴定", User, Now);
            case Op.ApproveExtension: return c.ApproveExtension(User, Now);
            case Op.RefuseExtension: return c.RefuseExtension(User, Now);
            case Op.FileAppeal:
                var r = c.FileAppeal(CaseBuilder.NextNumber(), 99, Channel.Letter, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 1), User, Now);
                return r.Succeeded ? CaseResult.Ok : CaseResult.Fail(r.Error.Key, r.Error.Args);
            default: throw new ArgumentOutOfRangeException(nameof(op));
        }
    }
}
