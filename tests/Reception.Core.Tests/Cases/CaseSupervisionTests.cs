using Reception.Core.Cases;
using static Reception.Core.Tests.Cases.CaseBuilder;

namespace Reception.Core.Tests.Cases;

/// <summary>挂牌督办, the 包案 checklist, visit links and 督办 notices.</summary>
public sealed class CaseSupervisionTests
{
    [Fact]
    public void SetListed_NeedsAReason_AndIsRecordedBothWays()
    {
        var c = InState(CaseState.InProgress);
        Assert.Equal(CaseMessages.ListingReasonRequired, c.SetListed(true, " ", "sup", T0).Error!.Key);
        Ok(c.SetListed(true, "久拖未决", "sup", T0));
        Assert.True(c.IsListed);
        Ok(c.SetListed(false, null, "sup", T0));
        Assert.False(c.IsListed);
        Assert.Equal([CaseEventKind.Listed, CaseEventKind.Unlisted], c.Events.Where(e => e.Kind is CaseEventKind.Listed or CaseEventKind.Unlisted).Select(e => e.Kind));
    }

    [Fact]
    public void SetListed_IsRefused_OnAClosedCase()
    {
        var c = InState(CaseState.Closed);
        Assert.Equal(CaseMessages.IsClosed, c.SetListed(true, "x", "sup", T0).Error!.Key);
    }

    [Fact]
    public void Checklist_StartsWithAssignment_AndRecordsEachTick()
    {
        var accepted = InState(CaseState.Accepted);
        Assert.Equal(CaseMessages.ChecklistBeforeAssignment, accepted.SetChecklistItem(1, "一个工作专班", true, Clerk, T0).Error!.Key);

        var c = InState(CaseState.Assigned);
        Ok(c.SetChecklistItem(1, "一个工作专班", true, Clerk, T0));
        Ok(c.SetChecklistItem(1, "一个工作专班", true, Clerk, T0)); // no change, no event
        Ok(c.SetChecklistItem(2, "一套化解方案", true, Clerk, T0));
        Ok(c.SetChecklistItem(1, "一个工作专班", false, Clerk, T0));
        Assert.Equal([(1, false), (2, true)], c.Checklist.OrderBy(e => e.ItemId).Select(e => (e.ItemId, e.IsDone)));
        Assert.Equal(3, c.Events.Count(e => e.Kind == CaseEventKind.ChecklistChanged));
    }

    [Fact]
    public void SetSource_OnlyAtIntake()
    {
        var c = New();
        c.SetSource(5, null, 7);
        Assert.Equal(5, c.SourceDutyAssignmentId);
        Assert.Equal(7, c.ReceivedByLeaderId);
    }

    [Fact]
    public void RecordVisit_AddsAnEvent_ButNotOnARefusedCase()
    {
        var c = InState(CaseState.InProgress);
        Ok(c.RecordVisit(3, new DateOnly(2026, 3, 20), appointment: true, Clerk, T0));
        Assert.Contains(c.Events, e => e.Kind == CaseEventKind.VisitLinked && e.After!.Contains("\"appointment\":true", StringComparison.Ordinal));
        Assert.False(InState(CaseState.NotAccepted).RecordVisit(3, Received, false, Clerk, T0).Succeeded);
    }

    [Fact]
    public void Notice_ValidatesTextAndDeadline_AndIsAnsweredOnce()
    {
        var today = new DateOnly(2026, 3, 10);
        Assert.Equal(CaseMessages.NoticeTextRequired, SupervisionNotice.Issue(1, 2, "", today, today.AddDays(5), "sup", T0).Error!.Key);
        Assert.Equal(CaseMessages.NoticeDueBeforeIssue, SupervisionNotice.Issue(1, 2, "限期答复", today, today, "sup", T0).Error!.Key);
        var notice = SupervisionNotice.Issue(1, 2, " 限期答复 ", today, today.AddDays(5), "sup", T0).Value!;
        Assert.Equal("限期答复", notice.Text);
        Assert.Equal(CaseMessages.NoticeReplyRequired, notice.Answer(" ", today, "unit", T0).Error!.Key);
        Ok(notice.Answer("已落实", today.AddDays(1), "unit", T0));
        Assert.True(notice.IsAnswered);
        Assert.Equal(CaseMessages.NoticeAlreadyAnswered, notice.Answer("再次", today, "unit", T0).Error!.Key);
    }
}
