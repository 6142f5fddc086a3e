using System.Text.Json;
using Reception.Core.Cases;
using static Reception.Core.Tests.Cases.CaseBuilder;
using M = Reception.Core.Cases.CaseMessages;

namespace Reception.Core.Tests.Cases;

public class PetitionCaseTests
{
    private static readonly DateTime Now = new(2026, 3, 20, 8, 0, 0, DateTimeKind.Utc);

    // ------------------------------------------------------------ intake

    [Theory]
    [InlineData(null, "land", 1, 1, M.SummaryRequired)]
    [InlineData("  ", "land", 1, 1, M.SummaryRequired)]
    [InlineData("征地补偿", null, 1, 1, M.CategoryRequired)]
    [InlineData("征地补偿", "land", 0, 0, M.PetitionerRequired)]
    [InlineData("征地补偿", "land", 2, 1, M.TooFewPeople)]
    public void Register_RefusesIncompleteIntake(string? summary, string? category, int petitioners, int people, string key)
    {
        var list = Enumerable.Range(0, petitioners).Select(i => Petitioner("人" + i)).ToList();
        var r = PetitionCase.Register(new CaseIntake(NextNumber(), 10, Channel.Visit, Received, category, summary, null, people, list), Clerk, T0);
        Assert.False(r.Succeeded);
        Assert.Null(r.Value);
        Assert.Equal(key, r.Error.Key);
    }

    [Fact]
    public void Register_RefusesATooLongSummary()
    {
        var r = PetitionCase.Register(new CaseIntake(NextNumber(), 10, Channel.Visit, Received, "land", new string('字', PetitionCase.SummaryMaxLength + 1), null, 1, [Petitioner()]), Clerk, T0);
        Assert.Equal(M.TextTooLong, r.Error?.Key);
        Assert.Equal(PetitionCase.SummaryMaxLength, r.Error!.Args[0]);
    }

    [Fact]
    public void Register_RecordsTheIntakeAndAFirstEvent()
    {
        var c = New();
        Assert.Equal(CaseState.Registered, c.State);
        Assert.Equal(CaseFlags.None, c.Flags);
        Assert.Equal("11010519491231002X", c.Petitioners.Single().IdentityNumber);
        var e = Assert.Single(c.Events);
        Assert.Equal(CaseEventKind.Registered, e.Kind);
        Assert.Equal(Clerk, e.UserId);
        Assert.Equal(T0, e.AtUtc);
        Assert.Null(e.Before);
        using var json = JsonDocument.Parse(e.After!);
        Assert.Equal(c.Number.ToString(), json.RootElement.GetProperty("number").GetString());
        Assert.Equal("2026-03-02", json.RootElement.GetProperty("receivedOn").GetString());
    }

    [Fact]
    public void PetitionerIdNumbers_AreNormalised()
    {
        var p = Petitioner(id: " １１０１０５１９４９１２３１００２ｘ");
        Assert.Equal("11010519491231002X", p.IdentityNumber);
        Assert.Null(Petitioner(id: " ").IdentityNumber);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(30, true)]
    public void Collective_IsComputedFromTheNumberOfPeople(int people, bool collective)
    {
        Assert.Equal(collective, New(people).IsCollective);
        Assert.Equal(collective, IntakeRules.IsCollective(people));
    }

    [Fact]
    public void ChangingTheNumberOfPeople_MovesTheCollectiveFlagAndIsLogged()
    {
        var c = New(4);
        Ok(c.ChangeNumberOfPeople(6, Clerk, Now));
        Assert.True(c.IsCollective);
        Assert.Equal(CaseEventKind.NumberOfPeopleChanged, c.Events[^1].Kind);
        Ok(c.ChangeNumberOfPeople(2, Clerk, Now));
        Assert.False(c.IsCollective);

        var n = c.Events.Count;
        Ok(c.ChangeNumberOfPeople(2, Clerk, Now));
        Assert.Equal(n, c.Events.Count);
    }

    [Fact]
    public void TheNumberOfPeople_CannotFallBelowThePetitioners()
    {
        var c = New(3, [Petitioner("甲"), Petitioner("乙")]);
        var r = c.ChangeNumberOfPeople(1, Clerk, Now);
        Assert.Equal(M.TooFewPeople, r.Error?.Key);
        Assert.Equal(2, r.Error!.Args[0]);
        Assert.Equal(3, c.NumberOfPeople);
    }

    // ------------------------------------------------------------ flags

    [Theory]
    [InlineData(CaseFlags.LevelSkipping)]
    [InlineData(CaseFlags.LegalChannel)]
    [InlineData(CaseFlags.Key)]
    [InlineData(CaseFlags.Backlog)]
    [InlineData(CaseFlags.NoLongerAccepted)]
    public void SimpleFlags_CanBeSetAndClearedWithHistory(CaseFlags flag)
    {
        var c = New(6);
        Ok(c.SetFlag(flag, true, Clerk, Now));
        Assert.Equal(CaseFlags.Collective | flag, c.Flags);
        Assert.Equal(CaseEventKind.FlagsChanged, c.Events[^1].Kind);
        Assert.Equal("Collective", c.Events[^1].Before);

        var n = c.Events.Count;
        Ok(c.SetFlag(flag, true, Clerk, Now));
        Assert.Equal(n, c.Events.Count); // unchanged: nothing logged

        Ok(c.SetFlag(flag, false, Clerk, Now));
        Assert.Equal(CaseFlags.Collective, c.Flags);
    }

    [Fact]
    public void Flags_CanBeCorrectedOnAClosedCase()
    {
        var c = InState(CaseState.Closed);
        Ok(c.SetFlag(CaseFlags.Key, true, Clerk, Now));
        Assert.True(c.Flags.HasFlag(CaseFlags.Key));
    }

    [Fact]
    public void Repeat_NeedsTheEarlierCaseAndCollectiveIsComputed()
    {
        var c = New();
        Assert.Equal(M.RepeatNeedsLink, c.SetFlag(CaseFlags.Repeat, true, Clerk, Now).Error?.Key);
        Assert.Equal(M.CollectiveIsComputed, c.SetFlag(CaseFlags.Collective, true, Clerk, Now).Error?.Key);
        Assert.Throws<ArgumentOutOfRangeException>(() => c.SetFlag(CaseFlags.Key | CaseFlags.Backlog, true, Clerk, Now));

        Ok(c.MarkRepeat(41, Clerk, Now));
        Assert.Equal(CaseFlags.Repeat, c.Flags);
        Assert.Equal(41, c.RepeatOfCaseId);
        Assert.Contains("41", c.Events[^1].After, StringComparison.Ordinal);

        Ok(c.SetFlag(CaseFlags.Repeat, false, Clerk, Now));
        Assert.Equal(CaseFlags.None, c.Flags);
        Assert.Null(c.RepeatOfCaseId);
    }

    // ------------------------------------------------------------ acceptance, transfer, objection

    [Fact]
    public void Accepting_RecordsTheTime()
    {
        var c = New();
        Ok(c.Accept(Clerk, Now));
        Assert.Equal(Now, c.AcceptedAtUtc);
        Assert.Equal("Registered", c.Events[^1].Before);
        Assert.Equal("Accepted", c.Events[^1].After);
    }

    [Fact]
    public void NotAccepting_NeedsAReason()
    {
        var c = New();
        Assert.Equal(M.NotAcceptedReasonRequired, c.RejectAcceptance(" ", Clerk, Now).Error?.Key);
        Assert.Equal(M.TextTooLong, c.RejectAcceptance(new string('因', PetitionCase.ReasonMaxLength + 1), Clerk, Now).Error?.Key);
        Ok(c.RejectAcceptance(" 已经诉讼 ", Clerk, Now));
        Assert.Equal("已经诉讼", c.NotAcceptedReason);
        Assert.Equal(CaseEventKind.AcceptanceRefused, c.Events[^1].Kind);
    }

    [Fact]
    public void AnObjection_IsRecordedOncePerTransfer()
    {
        var c = New();
        Ok(c.Transfer(30, Clerk, Now));
        Assert.Equal(30, c.TransferredToUnitId);
        Assert.Equal(Now, c.TransferredAtUtc);
        Assert.Equal(M.ObjectionReasonRequired, c.RecordObjection("", "unit-user", Now).Error?.Key);
        Ok(c.RecordObjection("不属于本单位职责", "unit-user", Now.AddDays(2)));
        Assert.Equal("不属于本单位职责", c.ObjectionReason);
        Assert.Equal(Now.AddDays(2), c.ObjectedAtUtc);
        Assert.Equal(CaseState.Transferred, c.State);
        Assert.Equal(M.ObjectionAlreadyRecorded, c.RecordObjection("again", "unit-user", Now).Error?.Key);

        Ok(c.Transfer(31, Clerk, Now.AddDays(3)));
        Assert.Null(c.ObjectionReason);
        Assert.Contains("30", c.Events[^1].Before, StringComparison.Ordinal);
        Assert.Contains("31", c.Events[^1].After, StringComparison.Ordinal);
        Ok(c.RecordObjection("也不属于", "unit-user-2", Now.AddDays(4)));
        Ok(c.Accept("unit-user-3", Now.AddDays(5)));
    }

    // ------------------------------------------------------------ assignment and handling

    [Fact]
    public void Assign_RecordsThePackage_AndReassignmentKeepsTheState()
    {
        var c = InState(CaseState.Accepted);
        Assert.Equal(M.HandlingUnitAlsoCoHandling, c.Assign(7, 40, [40, 41], null, null, Clerk, Now).Error?.Key);
        Assert.Equal(CaseState.Accepted, c.State);

        Ok(c.Assign(7, 40, [42, 41, 42], 43, " sup ", Clerk, Now));
        Assert.Equal(CaseState.Assigned, c.State);
        Assert.Equal(7, c.OwnerLeaderId);
        Assert.Equal(40, c.HandlingUnitId);
        Assert.Equal([41, 42], c.CoHandlingUnitIds);
        Assert.Equal(43, c.StabilityControlUnitId);
        Assert.Equal("sup", c.SupervisorUserId);
        Assert.Equal(Now, c.AssignedAtUtc);
        Assert.Equal(CaseEventKind.Assigned, c.Events[^1].Kind);

        Ok(c.StartHandling(Clerk, Now));
        Ok(c.Assign(8, 44, null, null, null, Clerk, Now.AddDays(1)));
        Assert.Equal(CaseState.InProgress, c.State);
        Assert.Empty(c.CoHandlingUnitIds);
        var e = c.Events[^1];
        Assert.Equal(CaseEventKind.Reassigned, e.Kind);
        using var before = JsonDocument.Parse(e.Before!);
        using var after = JsonDocument.Parse(e.After!);
        Assert.Equal(7, before.RootElement.GetProperty("ownerLeaderId").GetInt32());
        Assert.Equal(8, after.RootElement.GetProperty("ownerLeaderId").GetInt32());
        Assert.Equal(Now, c.AssignedAtUtc); // the first assignment time is kept
    }

    [Fact]
    public void Progress_NeedsTextAndMovesTheLastProgressTime()
    {
        var c = InState(CaseState.InProgress);
        Assert.Equal(M.ProgressRequired, c.AddProgress("  ", Clerk, Now).Error?.Key);
        Assert.Equal(M.TextTooLong, c.AddProgress(new string('进', PetitionCase.TextMaxLength + 1), Clerk, Now).Error?.Key);
        Ok(c.AddProgress(" 已召开协调会 ", Clerk, Now));
        Assert.Equal(Now, c.LastProgressAtUtc);
        Assert.Equal("已召开协调会", c.Events[^1].After);
    }

    [Fact]
    public void AnInstruction_NamesTheLeader()
    {
        var c = InState(CaseState.Assigned);
        Assert.Equal(M.InstructionRequired, c.AddInstruction(7, null, Clerk, Now).Error?.Key);
        Ok(c.AddInstruction(7, "依法依规妥善处理", Clerk, Now));
        var e = c.Events[^1];
        Assert.Equal(CaseEventKind.InstructionAdded, e.Kind);
        using var json = JsonDocument.Parse(e.After!);
        Assert.Equal(7, json.RootElement.GetProperty("leaderId").GetInt32());
        Assert.Equal("依法依规妥善处理", json.RootElement.GetProperty("text").GetString());
    }

    // ------------------------------------------------------------ reply, evaluation, resolution

    [Fact]
    public void Reply_NeedsTextAndADateNotBeforeReceipt()
    {
        var c = InState(CaseState.InProgress);
        Assert.Equal(M.ReplyRequired, c.Reply("", Received, Clerk, Now).Error?.Key);
        var early = c.Reply("答复", Received.AddDays(-1), Clerk, Now);
        Assert.Equal(M.DateBeforeReceipt, early.Error?.Key);
        Assert.Equal("2026-03-02", early.Error!.Args[0]);
        Ok(c.Reply(" 答复 ", Received, Clerk, Now));
        Assert.Equal("答复", c.ReplyText);
        Assert.Equal(Received, c.ReplyDate);
    }

    [Fact]
    public void Evaluation_IsStoredAndACaseClosesWithOrWithoutIt()
    {
        var c = InState(CaseState.Replied);
        Ok(c.Evaluate(Evaluation.Dissatisfied, Clerk, Now));
        Assert.Equal(Evaluation.Dissatisfied, c.Evaluation);
        Ok(c.Close(Clerk, Now));
        Assert.Equal(Now, c.ClosedAtUtc);

        var d = InState(CaseState.Replied);
        Ok(d.Close(Clerk, Now));
        Assert.Null(d.Evaluation);
        Assert.Equal(M.IsClosed, d.Evaluate(Evaluation.Satisfied, Clerk, Now).Error?.Key);
    }

    [Fact]
    public void Resolution_IsSeparateFromClosureAndRecordedOnce()
    {
        var c = InState(CaseState.InProgress);
        Assert.Equal(M.DateBeforeReceipt, c.Resolve(Received.AddDays(-1), Clerk, Now).Error?.Key);
        Ok(c.Resolve(Received.AddDays(5), Clerk, Now));
        Assert.True(c.IsResolved);
        Assert.Equal(Received.AddDays(5), c.ResolvedOn);
        Assert.Equal(CaseState.InProgress, c.State);
        Assert.Equal(M.AlreadyResolved, c.Resolve(Received.AddDays(6), Clerk, Now).Error?.Key);
    }

    // ------------------------------------------------------------ extension

    [Fact]
    public void AnExtension_IsRequestedApprovedAndOnlyOnce()
    {
        var c = InState(CaseState.InProgress);
        Assert.Equal(M.ExtensionDaysOutOfRange, c.RequestExtension(0, "鉴定", Clerk, Now).Error?.Key);
        Assert.Equal(M.ExtensionDaysOutOfRange, c.RequestExtension(31, "鉴定", Clerk, Now).Error?.Key);
        Assert.Equal(M.ExtensionReasonRequired, c.RequestExtension(30, " ", Clerk, Now).Error?.Key);

        Ok(c.RequestExtension(20, "需要鉴定", Clerk, Now));
        Assert.True(c.IsExtensionPending);
        Assert.False(c.IsExtended);
        Assert.Equal(M.ExtensionPending, c.RequestExtension(10, "再延", Clerk, Now).Error?.Key);

        Ok(c.ApproveExtension("director", Now.AddHours(2)));
        Assert.Equal(20, c.ExtensionDays);
        Assert.True(c.IsExtended);
        Assert.False(c.IsExtensionPending);
        Assert.Equal("需要鉴定", c.ExtensionReason);
        Assert.Equal(CaseEventKind.ExtensionApproved, c.Events[^1].Kind);

        Assert.Equal(M.AlreadyExtended, c.RequestExtension(10, "再延", Clerk, Now).Error?.Key);
        Assert.Equal(M.NoExtensionRequest, c.ApproveExtension("director", Now).Error?.Key);
        Assert.Equal("This case has already been extended once.", c.RequestExtension(10, "再延", Clerk, Now).Error?.ToString());
    }

    [Fact]
    public void WhoeverRequestedAnExtension_CannotApproveIt_AnotherCan_AndTheRequesterMayWithdrawIt()
    {
        var c = InState(CaseState.InProgress);
        Ok(c.RequestExtension(20, "需要鉴定", Clerk, Now));
        Assert.True(c.IsExtensionRequestedBy(Clerk));
        Assert.False(c.IsExtensionRequestedBy("director"));

        Assert.Equal(M.ExtensionOwnRequest, c.ApproveExtension(Clerk, Now).Error?.Key);
        Assert.True(c.IsExtensionPending);
        Assert.False(c.IsExtended);

        Ok(c.ApproveExtension("director", Now));
        Assert.Equal(20, c.ExtensionDays);
        Assert.Null(c.ExtensionRequestedBy);

        var withdrawn = InState(CaseState.InProgress);
        Ok(withdrawn.RequestExtension(10, "需要鉴定", Clerk, Now));
        Ok(withdrawn.RefuseExtension(Clerk, Now)); // refusing one's own request withdraws it
        Assert.False(withdrawn.IsExtensionPending);
    }

    [Fact]
    public void ARefusedExtension_CanBeAskedAgain()
    {
        var c = InState(CaseState.Assigned);
        Ok(c.RequestExtension(30, "需要鉴定", Clerk, Now));
        Ok(c.RefuseExtension("director", Now));
        Assert.False(c.IsExtended);
        Assert.False(c.IsExtensionPending);
        Assert.Equal(CaseEventKind.ExtensionRefused, c.Events[^1].Kind);
        Ok(c.RequestExtension(15, "补充材料", Clerk, Now));
        Ok(c.ApproveExtension("director", Now));
        Assert.Equal(15, c.ExtensionDays);
    }

    // ------------------------------------------------------------ appeals and termination

    [Fact]
    public void AReview_IsALinkedCaseAtTheNextLevel()
    {
        var parent = InState(CaseState.Closed);
        var number = NextNumber();
        var r = parent.FileAppeal(number, 20, Channel.Letter, new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 10), "reviewer", Now);
        Assert.True(r.Succeeded, r.Error?.ToString());
        var review = r.Value;
        Assert.Same(parent, review.ParentCase);
        Assert.Equal(AppealLevel.Review, review.AppealLevel);
        Assert.Equal(CaseState.Registered, review.State);
        Assert.Equal(number, review.Number);
        Assert.Equal(20, review.OrgUnitId);
        Assert.Equal(new DateOnly(2026, 4, 10), review.ReceivedOn);
        Assert.Equal(parent.CategoryCode, review.CategoryCode);
        Assert.Equal(parent.Petitioners.Single().IdentityNumber, review.Petitioners.Single().IdentityNumber);
        Assert.NotSame(parent.Petitioners.Single(), review.Petitioners.Single());
        Assert.Equal(CaseEventKind.Registered, Assert.Single(review.Events).Kind);

        Assert.True(parent.IsAppealed);
        Assert.Equal(CaseState.Closed, parent.State);
        Assert.Equal(CaseEventKind.AppealFiled, parent.Events[^1].Kind);
        Assert.Contains(number.ToString(), parent.Events[^1].After, StringComparison.Ordinal);

        var again = parent.FileAppeal(NextNumber(), 20, Channel.Letter, new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 10), "reviewer", Now);
        Assert.Equal(M.AlreadyAppealed, again.Error?.Key);
    }

    [Fact]
    public void AnAppeal_AfterTheDeadline_IsRefusedWithTheLastDay()
    {
        var parent = InState(CaseState.Replied);
        var n = parent.Events.Count;
        var r = parent.FileAppeal(NextNumber(), 20, Channel.Visit, new DateOnly(2026, 4, 11), new DateOnly(2026, 4, 10), "reviewer", Now);
        Assert.Equal(M.AppealTooLate, r.Error?.Key);
        Assert.Equal("2026-04-10", r.Error!.Args[0]);
        Assert.False(parent.IsAppealed);
        Assert.Equal(n, parent.Events.Count);
    }

    [Fact]
    public void TheMatter_AfterTheReReviewReply_IsTerminated()
    {
        var reReview = InState(CaseState.Replied, AppealLevel.ReReview);
        Assert.Equal(AppealLevel.Review, reReview.ParentCase!.AppealLevel);
        Assert.Equal(AppealLevel.Original, reReview.ParentCase.ParentCase!.AppealLevel);
        Assert.Equal(M.AppealAfterReReview,
            reReview.FileAppeal(NextNumber(), 30, Channel.Letter, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 1), Clerk, Now).Error?.Key);
        Ok(reReview.Terminate(Clerk, Now));
        Assert.Equal(CaseState.Terminated, reReview.State);
        Assert.Equal(Now, reReview.TerminatedAtUtc);
        Assert.True(reReview.IsFinal);
    }

    // ------------------------------------------------------------ history and programming errors

    [Fact]
    public void AFullLifecycle_LeavesACompleteHistory()
    {
        var c = New();
        Ok(c.Accept(Clerk, Now));
        Ok(c.Assign(7, 40, null, null, null, Clerk, Now));
        Ok(c.StartHandling(Clerk, Now));
        Ok(c.AddInstruction(7, "批示", Clerk, Now));
        Ok(c.AddProgress("进展", Clerk, Now));
        Ok(c.RequestExtension(10, "原因", Clerk, Now));
        Ok(c.ApproveExtension("director", Now));
        Ok(c.Reply("答复", Received.AddDays(50), Clerk, Now));
        Ok(c.Resolve(Received.AddDays(51), Clerk, Now));
        Ok(c.Evaluate(Evaluation.Satisfied, Clerk, Now));
        Ok(c.Close(Clerk, Now));
        Assert.Equal(
            [
                CaseEventKind.Registered, CaseEventKind.Accepted, CaseEventKind.Assigned, CaseEventKind.HandlingStarted,
                CaseEventKind.InstructionAdded, CaseEventKind.ProgressAdded, CaseEventKind.ExtensionRequested,
                CaseEventKind.ExtensionApproved, CaseEventKind.Replied, CaseEventKind.Resolved, CaseEventKind.Evaluated,
                CaseEventKind.Closed,
            ],
            c.Events.Select(e => e.Kind));
        Assert.Equal(CaseState.Closed, c.State);
    }

    [Fact]
    public void ProgrammingErrors_Throw()
    {
        var c = New();
        Assert.Throws<ArgumentException>(() => c.Accept(" ", Now));
        Assert.Throws<ArgumentException>(() => c.Accept(Clerk, new DateTime(2026, 3, 20, 8, 0, 0, DateTimeKind.Local)));
        Assert.Throws<ArgumentException>(() => c.Accept(Clerk, new DateTime(2026, 3, 20)));
        var replied = InState(CaseState.Replied);
        Assert.Throws<ArgumentOutOfRangeException>(() => replied.Evaluate((Evaluation)9, Clerk, Now));
        Assert.Throws<ArgumentException>(() => new CasePetitioner(" ", null, null, null, null));
    }

    [Fact]
    public void Messages_ReadAsTheBriefAsks()
    {
        Assert.Equal("A reply cannot be recorded before the case is accepted.", New().Reply("x", Received, Clerk, Now).Error?.ToString());
        Assert.Equal("The petitioner's evaluation comes after the reply.", InState(CaseState.InProgress).Evaluate(Evaluation.Satisfied, Clerk, Now).Error?.ToString());
    }
}
