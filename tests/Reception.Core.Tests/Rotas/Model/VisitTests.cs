using Reception.Core.Rotas.Model;

namespace Reception.Core.Tests.Rotas.Model;

public class VisitTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Day = new(2026, 11, 24);

    private static Visit Planned() => new(leaderId: 7, Day, destinationId: 40, " 化解征地补偿问题 ", " ", Now);

    [Fact]
    public void New_IsPlanned_Trimmed_AndMayBeChangedOrCancelled()
    {
        var v = Planned();
        Assert.Equal(VisitStatus.Planned, v.Status);
        Assert.Equal("化解征地补偿问题", v.Purpose);
        Assert.Null(v.AccompanyingUnits);
        Assert.True(v.CanBeChanged);
        Assert.True(v.CanBeCancelled);
    }

    [Fact]
    public void Complete_BeforeTheDay_IsRefused_AndChangesNothing()
    {
        var v = Planned();
        var refusal = v.Complete("已答复", Day.AddDays(-1), Now);
        Assert.Equal(Visit.OutcomeFromVisitDay, refusal?.Key);
        Assert.Equal(["2026-11-24"], refusal!.Args);
        Assert.Equal(VisitStatus.Planned, v.Status);
        Assert.Null(v.Outcome);
        Assert.Equal(0, v.Sequence);
    }

    [Fact]
    public void Complete_OnTheDay_IsDone_AndTheOutcomeCanBeCorrected()
    {
        var v = Planned();
        Assert.Null(v.Complete(" 已当面答复 ", Day, Now));
        Assert.Equal(VisitStatus.Done, v.Status);
        Assert.Equal("已当面答复", v.Outcome);
        Assert.Null(v.Complete("已答复并回访", Day.AddDays(3), Now.AddDays(3)));
        Assert.Equal("已答复并回访", v.Outcome);
        Assert.Equal(2, v.Sequence);
        Assert.False(v.CanBeCancelled);
    }

    [Theory]
    [InlineData(null, Visit.OutcomeRequired)]
    [InlineData("  ", Visit.OutcomeRequired)]
    public void Complete_WithoutAnOutcome_IsRefused(string? outcome, string key)
    {
        var v = Planned();
        Assert.Equal(key, v.Complete(outcome, Day, Now)?.Key);
        Assert.Equal(VisitStatus.Planned, v.Status);
    }

    [Fact]
    public void Complete_TooLong_IsRefused()
    {
        var v = Planned();
        Assert.Equal(Visit.OutcomeTooLong, v.Complete(new string('果', Visit.OutcomeMaxLength + 1), Day, Now)?.Key);
        Assert.Null(v.Complete(new string('果', Visit.OutcomeMaxLength), Day, Now));
    }

    [Fact]
    public void Cancel_OnlyAPlannedVisit()
    {
        var done = Planned();
        done.Complete("已答复", Day, Now);
        Assert.Equal(Visit.OnlyPlannedCanBeCancelled, done.Cancel(Now)?.Key);
        Assert.Equal(VisitStatus.Done, done.Status);

        var v = Planned();
        Assert.Null(v.Cancel(Now));
        Assert.Equal(VisitStatus.Cancelled, v.Status);
        Assert.Equal(Visit.OnlyPlannedCanBeCancelled, v.Cancel(Now)?.Key);
    }

    [Fact]
    public void Cancelled_IsFinal_NoOutcome_NoPlanOrKindChange()
    {
        var v = Planned();
        v.Cancel(Now);
        var sequence = v.Sequence;
        Assert.False(v.CanBeChanged);
        Assert.Equal(Visit.CancelledHasNoOutcome, v.Complete("已答复", Day, Now)?.Key);
        Assert.Equal(Visit.CancelledCannotChange, v.Plan(8, Day.AddDays(1), 41, "改期", null, Now)?.Key);
        Assert.Equal(Visit.CancelledCannotChange, v.SetKind(VisitKind.Appointment, Now)?.Key);
        Assert.Equal((7, Day, 40, VisitKind.Village, sequence), (v.LeaderId, v.Date, v.DestinationId, v.Kind, v.Sequence));
    }

    [Fact]
    public void Plan_AndSetKind_CountAsChanges()
    {
        var v = Planned();
        Assert.Null(v.Plan(8, Day.AddDays(1), 41, "改期", "信访局", Now.AddHours(1)));
        Assert.Null(v.SetKind(VisitKind.Appointment, Now.AddHours(1)));
        Assert.Null(v.SetKind(VisitKind.Appointment, Now.AddHours(2))); // no change, not counted
        Assert.Equal((8, Day.AddDays(1), 41, VisitKind.Appointment, 2), (v.LeaderId, v.Date, v.DestinationId, v.Kind, v.Sequence));
        Assert.Equal(Now.AddHours(1), v.UpdatedAtUtc);
    }
}
