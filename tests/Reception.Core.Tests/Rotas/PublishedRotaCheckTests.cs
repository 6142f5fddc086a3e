using Reception.Core.Calendar;
using Reception.Core.Rotas;
using static Reception.Core.Tests.Rotas.RotaTestData;

namespace Reception.Core.Tests.Rotas;

/// <summary>
/// What no longer holds in a published rota (issue 15 items 5, 6, 8): duties on a day that became a day off, working days
/// left without duty, leaders away on their day — and a session closed on purpose is never a gap.
/// </summary>
public sealed class PublishedRotaCheckTests
{
    private static readonly DateOnly Tue = D("2026-10-20"), Wed = D("2026-10-21"), Thu = D("2026-10-22");

    /// <summary>The shipped calendar with one more day off on <paramref name="date"/> (an admin's single-date edit).</summary>
    private static WorkingDayCalendar WithDayOff(DateOnly date)
    {
        var shipped = ShippedHolidays.Load().Through(TestCalendars.LastKnownYear);
        return new WorkingDayCalendar([.. shipped.Entries, HolidayEntry.ByHand(date, "临时放假", isOffDay: true)], shipped.Years);
    }

    [Fact]
    public void Find_AFullyCoveredWeek_HasNoProblems()
    {
        RotaSlotState[] slots = [new(Tue, 0, 1), new(Wed, 0, 2), new(Thu, 0, 3)];

        var problems = PublishedRotaCheck.Find(Tue, Thu, 1, null, Cal, slots, []);

        Assert.Empty(problems);
    }

    [Fact]
    public void Find_ADutyOnADayThatBecameADayOff_IsADutyOnADayOff()
    {
        RotaSlotState[] slots = [new(Tue, 0, 1), new(Wed, 0, 2), new(Thu, 0, 3)];

        var problems = PublishedRotaCheck.Find(Tue, Thu, 1, null, WithDayOff(Wed), slots, []);

        Assert.Equal([new RotaProblem(RotaProblemKind.DutyOnDayOff, Wed, 0, 2)], problems);
    }

    [Fact]
    public void Find_AWorkingDayWithoutDuty_IsAGap_ButAClosedSessionIsNot()
    {
        RotaSlotState[] slots = [new(Tue, 0, null), new(Thu, 0, null, Closed: true)]; // Tue cancelled, Wed no row, Thu closed

        var problems = PublishedRotaCheck.Find(Tue, Thu, 1, null, Cal, slots, []);

        Assert.Equal([new RotaProblem(RotaProblemKind.WorkingDayWithoutDuty, Tue, 0), new RotaProblem(RotaProblemKind.WorkingDayWithoutDuty, Wed, 0)], problems);
    }

    [Fact]
    public void Find_ADayTheRuleHasNoDutyOn_IsNoGap()
    {
        var problems = PublishedRotaCheck.Find(Tue, Thu, 1, new HashSet<DayOfWeek> { DayOfWeek.Tuesday }, Cal, [new(Tue, 0, 1)], []);

        Assert.Empty(problems);
    }

    [Fact]
    public void Find_ALeaderAwayOnTheirDuty_IsLeaderAway_WithTheReason()
    {
        RotaSlotState[] slots = [new(Tue, 0, 1), new(Wed, 0, 2), new(Thu, 0, 3)];
        LeaderUnavailability[] away = [new(2, Wed, Thu, UnavailabilityReason.Travel), new(1, Wed, Wed, UnavailabilityReason.Visit)];

        var problems = PublishedRotaCheck.Find(Tue, Thu, 1, null, Cal, slots, away);

        Assert.Equal([new RotaProblem(RotaProblemKind.LeaderAway, Wed, 0, 2, UnavailabilityReason.Travel)], problems);
    }

    [Fact]
    public void Find_EachSessionOfADay_IsCheckedOnItsOwn()
    {
        RotaSlotState[] slots = [new(Tue, 0, 1), new(Tue, 1, null, Closed: true), new(Wed, 0, 2)];

        var problems = PublishedRotaCheck.Find(Tue, Wed, 2, null, Cal, slots, []);

        Assert.Equal([new RotaProblem(RotaProblemKind.WorkingDayWithoutDuty, Wed, 1)], problems);
    }

    [Fact]
    public void Find_DaysBeforeFrom_AreNotChecked()
    {
        var problems = PublishedRotaCheck.Find(Wed, Thu, 1, null, WithDayOff(Tue), [new(Tue, 0, 1), new(Wed, 0, 2), new(Thu, 0, 3)], []);

        Assert.Empty(problems);
    }
}
