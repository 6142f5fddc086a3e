using Reception.Core.Rotas;
using static Reception.Core.Tests.Rotas.RotaTestData;

namespace Reception.Core.Tests.Rotas;

/// <summary>Table tests of the rota engine over the real 2026 holiday arrangement.</summary>
public class RotaGeneratorTests
{
    private static readonly string[] October2026WorkingDays =
    [
        "2026-10-08", "2026-10-09", "2026-10-10",
        "2026-10-12", "2026-10-13", "2026-10-14", "2026-10-15", "2026-10-16",
        "2026-10-19", "2026-10-20", "2026-10-21", "2026-10-22", "2026-10-23",
        "2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30",
    ];

    // ---- calendar ---------------------------------------------------------------------------------------------

    [Fact]
    public void NoDuty_DuringNationalDayAndMidAutumnButDutyOnTheMakeUpSundayAndSaturday()
    {
        var result = Generate(Rotation(5), "2026-09-18", "2026-10-12");
        var dates = result.Assignments.Select(a => a.Date).ToHashSet();

        for (var d = D("2026-10-01"); d <= D("2026-10-07"); d = d.AddDays(1))
        {
            Assert.DoesNotContain(d, dates);
        }

        Assert.DoesNotContain(D("2026-09-25"), dates); // 中秋节, a Friday
        Assert.Contains(D("2026-09-20"), dates);        // 调休上班, a Sunday
        Assert.Contains(D("2026-10-10"), dates);        // 调休上班, a Saturday
        Assert.DoesNotContain(D("2026-10-11"), dates);  // an ordinary Sunday
        Assert.Equal(
            ["2026-09-18", "2026-09-20", "2026-09-21", "2026-09-22", "2026-09-23", "2026-09-24", "2026-09-28", "2026-09-29",
             "2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12"],
            result.Assignments.Select(a => a.Date.ToString("yyyy-MM-dd")));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Weekdays_RestrictDutyAndExcludeAMakeUpSaturday()
    {
        var rule = Rotation(3) with { Weekdays = new HashSet<DayOfWeek> { DayOfWeek.Tuesday, DayOfWeek.Thursday } };
        var result = Generate(rule, "2026-10-01", "2026-10-31");

        Assert.Equal(
            ["2026-10-08", "2026-10-13", "2026-10-15", "2026-10-20", "2026-10-22", "2026-10-27", "2026-10-29"],
            result.Assignments.Select(a => a.Date.ToString("yyyy-MM-dd")));
    }

    [Fact]
    public void AnUnknownYear_IsPlannedOnWeekdaysOffItsStatutoryHolidaysWithAWarning()
    {
        var result = Generate(Rotation(5), "2027-01-01", "2027-01-31");

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(RotaWarningKind.UnknownHolidayYear, warning.Kind);
        Assert.Equal(2027, warning.Year);
        Assert.Equal(RotaMessages.UnknownHolidayYear, warning.Message.Key);
        Assert.Equal([2027], warning.Message.Args);

        // 2027-01-01 is a Friday and 元旦: a statutory day off even before the notice (provisional), so no duty. The
        // other weekdays are planned; whether a weekend becomes a make-up working day (调休) is what the warning is about.
        Assert.Equal(D("2027-01-04"), result.Assignments[0].Date);
        Assert.Equal(20, result.Assignments.Count);
        Assert.All(result.Assignments, a => Assert.InRange((int)a.Date.DayOfWeek, 1, 5));
    }

    [Fact]
    public void APeriod_AcrossTheYearEnd_WarnsOnceForTheUnknownYearOnly()
    {
        var result = Generate(Rotation(5), "2026-12-01", "2027-01-31");

        var warning = Assert.Single(result.Warnings);
        Assert.Equal((RotaWarningKind.UnknownHolidayYear, (int?)2027), (warning.Kind, warning.Year));
    }

    // ---- rotation ---------------------------------------------------------------------------------------------

    [Fact]
    public void TwelveLeadersRotate_OverOctober2026InRotationOrderNotListOrder()
    {
        // Ids 201…212 listed in id order, but rotation order runs the other way: 212 first.
        var leaders = Enumerable.Range(201, 12).Select(id => new RotaLeader(id, 213 - id, $"领导{id}")).ToArray();
        var result = RotaGenerator.Generate(Request(new RotaRule(RotaPattern.Rotation, FullDay, leaders), "2026-10-01", "2026-10-31"));

        Assert.Equal(October2026WorkingDays, result.Assignments.Select(a => a.Date.ToString("yyyy-MM-dd")));
        Assert.Equal(
            [212, 211, 210, 209, 208, 207, 206, 205, 204, 203, 202, 201, 212, 211, 210, 209, 208, 207],
            LeadersInOrder(result));
        Assert.All(result.Assignments, a => Assert.Equal(AssignmentSource.Generated, a.Source));
        Assert.Equal(new RotaPosition(207, 6), result.NextPosition);
        Assert.Empty(result.Warnings);
        Assert.All(result.OwedLedger, e => Assert.Equal((0, 0), (e.OwedBefore, e.OwedAfter)));
        Assert.Equal(12, result.Counts.Count);
        Assert.Equal(2, CountOf(result, 212));
        Assert.Equal(1, CountOf(result, 201));
    }

    [Fact]
    public void TheNextMonth_ContinuesTheRotationWhereTheLastOneStopped()
    {
        var rule = Rotation(12);
        var september = Generate(rule, "2026-09-01", "2026-09-30");

        // September 2026 has 22 working days (the make-up Sunday 20th included, the Mid-Autumn Friday 25th not).
        Assert.Equal(22, september.Assignments.Count);
        Assert.Equal(new RotaPosition(10, 10), september.NextPosition);

        var october = RotaGenerator.Generate(Request(rule, "2026-10-01", "2026-10-31") with
        {
            Position = september.NextPosition,
            OwedBefore = september.OwedAfter(),
        });
        Assert.Equal([11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4], LeadersInOrder(october));

        // Two months one after the other give what one two-month period gives.
        var both = Generate(rule, "2026-09-01", "2026-10-31");
        Assert.Equal(Slots(both), Slots(september).Concat(Slots(october)));
        Assert.Equal(both.NextPosition, october.NextPosition);
    }

    [Fact]
    public void APosition_WhoseLeaderHasLeftTheRule_ContinuesWithTheNextRotationOrder()
    {
        var leaders = new[] { new RotaLeader(1, 10), new RotaLeader(2, 20), new RotaLeader(3, 30) };
        var request = Request(new RotaRule(RotaPattern.Rotation, FullDay, leaders), "2026-10-08", "2026-10-09") with
        {
            Position = new RotaPosition(99, 25), // a leader who has left, between 2 and 3
        };

        Assert.Equal([3, 1], LeadersInOrder(RotaGenerator.Generate(request)));
    }

    [Fact]
    public void EachSession_IsATurnOfItsOwn()
    {
        var result = Generate(Rotation(3, MorningAfternoon), "2026-10-08", "2026-10-09");

        Assert.Equal(["2026-10-08/0=1", "2026-10-08/1=2", "2026-10-09/0=3", "2026-10-09/1=1"], Slots(result));
    }

    // ---- fixed weekday ----------------------------------------------------------------------------------------

    private static RotaRule Township(IReadOnlyList<DutySession>? sessions = null) =>
        new(RotaPattern.FixedWeekday, sessions ?? FullDay,
            [new(1, 1, "书记"), new(2, 2, "乡长"), new(3, 3, "副职甲"), new(4, 4, "副职乙"), new(5, 5, "副职丙"), new(6, 6, "副职丁")])
        {
            FixedDuties = [new FixedDuty(1, DayOfWeek.Monday), new FixedDuty(2, DayOfWeek.Friday)],
        };

    [Fact]
    public void FixedWeekdayMainLeaders_TakeMondayAndFridayAndDeputiesRotateOnTheOtherDays()
    {
        var result = Generate(Township(), "2026-10-01", "2026-10-31");

        Assert.Equal(
        [
            "2026-10-08/0=3", "2026-10-09/0=2", "2026-10-10/0=4", // Thu, Fri, the make-up Saturday: a deputy
            "2026-10-12/0=1", "2026-10-13/0=5", "2026-10-14/0=6", "2026-10-15/0=3", "2026-10-16/0=2",
            "2026-10-19/0=1", "2026-10-20/0=4", "2026-10-21/0=5", "2026-10-22/0=6", "2026-10-23/0=2",
            "2026-10-26/0=1", "2026-10-27/0=3", "2026-10-28/0=4", "2026-10-29/0=5", "2026-10-30/0=2",
        ], Slots(result));

        // Monday 5 October is National Day: no duty, and no substitute day for the secretary.
        Assert.DoesNotContain(result.Assignments, a => a.Date == D("2026-10-05"));
        Assert.Equal(3, CountOf(result, 1));
        Assert.Equal(4, CountOf(result, 2));
        Assert.Equal(new RotaPosition(5, 5), result.NextPosition);
        Assert.Equal([3, 4, 5, 6], result.OwedLedger.Select(e => e.LeaderId)); // only the rotating deputies
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void AFixedLeader_TakesEverySessionOfTheirDay()
    {
        var result = Generate(Township(MorningAfternoon), "2026-10-12", "2026-10-13");

        Assert.Equal(["2026-10-12/0=1", "2026-10-12/1=1", "2026-10-13/0=3", "2026-10-13/1=4"], Slots(result));
    }

    [Fact]
    public void WhenTheFixedLeader_IsAwayADeputyCoversInRotation()
    {
        var request = Request(Township(), "2026-10-12", "2026-10-20") with
        {
            Unavailability = [new LeaderUnavailability(1, D("2026-10-19"), D("2026-10-19"), UnavailabilityReason.Meeting)],
        };
        var result = RotaGenerator.Generate(request);

        Assert.Equal(
        [
            "2026-10-12/0=1", "2026-10-13/0=3", "2026-10-14/0=4", "2026-10-15/0=5", "2026-10-16/0=2",
            "2026-10-19/0=6", "2026-10-20/0=3",
        ], Slots(result));
        Assert.Empty(result.Warnings);
        Assert.DoesNotContain(result.OwedLedger, e => e.LeaderId == 1);
    }

    // ---- monthly minimum --------------------------------------------------------------------------------------

    private static RotaGenerationRequest November(RotaPattern pattern, int leaders, int minimum, params LeaderUnavailability[] away) =>
        Request(new RotaRule(pattern, FullDay, Leaders(leaders)) { MinimumPerMonth = minimum }, "2026-11-01", "2026-11-30") with
        {
            Unavailability = away,
        };

    [Fact]
    public void Monthly_GivesEachLeaderTheMinimumEvenWhenAbsenceFallsBetweenTheirTurns()
    {
        // Leader 5 is away 9–27 November; the plain rotation leaves them 2 duties (the 6th, and the 30th owed).
        var leave = new LeaderUnavailability(5, D("2026-11-09"), D("2026-11-27"), UnavailabilityReason.Leave);
        var plain = RotaGenerator.Generate(November(RotaPattern.Rotation, 5, 0, leave));
        Assert.Equal(2, CountOf(plain, 5));

        var monthly = RotaGenerator.Generate(November(RotaPattern.Monthly, 5, 4, leave));

        Assert.Equal(21, monthly.Assignments.Count);
        Assert.All(monthly.Counts, c => Assert.True(c.Total >= 4, $"leader {c.LeaderId} has {c.Total}"));
        Assert.DoesNotContain(monthly.Assignments, a => a.LeaderId == 5 && a.Date >= D("2026-11-09") && a.Date <= D("2026-11-27"));
        Assert.Empty(monthly.Warnings);

        // The duties taken ahead of turn to reach the minimum are worked off by passing turns during the leave.
        var ledger = Ledger(monthly, 5);
        Assert.Equal(
            [OwedChangeKind.ExtraDutyForMinimum, OwedChangeKind.ExtraDutyForMinimum, OwedChangeKind.ExtraDutyForMinimum,
             OwedChangeKind.TurnPassed, OwedChangeKind.TurnPassed, OwedChangeKind.TurnPassed,
             OwedChangeKind.SkippedWhileUnavailable, OwedChangeKind.ServedOwedDuty],
            ledger.Changes.Select(c => c.Kind));
        Assert.Equal(0, ledger.OwedAfter);
    }

    [Fact]
    public void Monthly_IsPlainRotationWhenTheMinimumIsMetAnyway()
    {
        var monthly = RotaGenerator.Generate(November(RotaPattern.Monthly, 5, 4));
        var plain = RotaGenerator.Generate(November(RotaPattern.Rotation, 5, 0));

        Assert.Equal(Slots(plain), Slots(monthly));
    }

    [Fact]
    public void Monthly_WarnsAboutEveryLeaderBelowAnImpossibleMinimum()
    {
        // 6 leaders × 4 = 24 duties, but November 2026 has 21 working days.
        var result = RotaGenerator.Generate(November(RotaPattern.Monthly, 6, 4));

        var below = result.Warnings.Where(w => w.Message.Key == RotaMessages.BelowMonthlyMinimum).ToList();
        Assert.Equal(3, below.Count);
        Assert.All(below, w =>
        {
            Assert.Equal(RotaWarningKind.Imbalance, w.Kind);
            Assert.Equal(D("2026-11-01"), w.Date);
            Assert.Equal(3, w.Message.Args[1]);
            Assert.Equal("2026-11", w.Message.Args[2]);
            Assert.Equal(4, w.Message.Args[3]);
        });
        Assert.All(result.Counts, c => Assert.InRange(c.Total, 3, 4));
    }

    [Fact]
    public void Monthly_NamesUnavailabilityWhenItMadeTheMinimumImpossible()
    {
        var away = new LeaderUnavailability(2, D("2026-11-01"), D("2026-11-26"), UnavailabilityReason.Travel);
        var result = RotaGenerator.Generate(November(RotaPattern.Monthly, 3, 4, away));

        var warning = Assert.Single(result.Warnings, w => w.Message.Key == RotaMessages.BelowMonthlyMinimumUnavailable);
        Assert.Equal(2, warning.LeaderId);
        Assert.Equal(["L2", 2, "2026-11", 4, 19], warning.Message.Args);
        Assert.Equal(2, CountOf(result, 2)); // the 27th and the 30th: every day they were back
    }

    // ---- unavailability and the owed-duty ledger --------------------------------------------------------------

    [Fact]
    public void ALeaderSkipped_ForLeave_IsOwedAndServesTheNextPossibleDuty()
    {
        var request = Request(Rotation(4), "2026-10-01", "2026-10-31") with
        {
            Unavailability = [new LeaderUnavailability(2, D("2026-10-09"), D("2026-10-09"), UnavailabilityReason.Leave)],
        };
        var result = RotaGenerator.Generate(request);

        Assert.Equal([1, 3, 2, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2], LeadersInOrder(result));

        var ledger = Ledger(result, 2);
        Assert.Equal((0, 0), (ledger.OwedBefore, ledger.OwedAfter));
        Assert.Collection(
            ledger.Changes,
            c =>
            {
                Assert.Equal((D("2026-10-09"), OwedChangeKind.SkippedWhileUnavailable, 1, (UnavailabilityReason?)UnavailabilityReason.Leave),
                    (c.Date, c.Kind, c.Delta, c.Reason));
                Assert.Equal("Skipped at their turn on 2026-10-09 (全天) while on leave; owed one duty.", c.Message.ToString());
            },
            c => Assert.Equal((D("2026-10-10"), OwedChangeKind.ServedOwedDuty, -1), (c.Date, c.Kind, c.Delta)));
        Assert.All(result.Counts, c => Assert.InRange(c.Total, 4, 5));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void OwedDuties_AreServedAsSoonAsTheLeaderIsBack()
    {
        var request = Request(Rotation(3, MorningAfternoon), "2026-10-12", "2026-10-16") with
        {
            Unavailability = [new LeaderUnavailability(3, D("2026-10-12"), D("2026-10-14"), UnavailabilityReason.Travel)],
        };
        var result = RotaGenerator.Generate(request);

        Assert.Equal(
        [
            "2026-10-12/0=1", "2026-10-12/1=2",
            "2026-10-13/0=1", "2026-10-13/1=2", // 3 skipped at its turn: owed 1
            "2026-10-14/0=1", "2026-10-14/1=2", // and again: owed 2
            "2026-10-15/0=3", "2026-10-15/1=3", // back: both owed duties first
            "2026-10-16/0=3", "2026-10-16/1=1", // then the rotation goes on where it was
        ], Slots(result));
        Assert.Equal(
            [(D("2026-10-13"), 1), (D("2026-10-14"), 1), (D("2026-10-15"), -1), (D("2026-10-15"), -1)],
            Ledger(result, 3).Changes.Select(c => (c.Date, c.Delta)));
        Assert.Equal(0, Ledger(result, 3).OwedAfter);
        Assert.Equal([4, 3, 3], result.Counts.Select(c => c.Total));
    }

    [Fact]
    public void ACarriedInDebt_IsServedFirstAndReachesTheNextPeriod()
    {
        var request = Request(Rotation(4), "2026-10-08", "2026-10-12") with
        {
            OwedBefore = new Dictionary<int, int> { [3] = 1, [4] = 2 },
            Unavailability = [new LeaderUnavailability(4, D("2026-10-01"), D("2026-10-31"), UnavailabilityReason.Leave)],
        };
        var result = RotaGenerator.Generate(request);

        Assert.Equal([3, 1, 2, 3], LeadersInOrder(result)); // 8, 9, 10 (make-up Saturday), 12 October
        Assert.Equal((1, 0), (Ledger(result, 3).OwedBefore, Ledger(result, 3).OwedAfter));
        Assert.Equal((2, 2), (Ledger(result, 4).OwedBefore, Ledger(result, 4).OwedAfter)); // not reached yet
        Assert.Equal(new Dictionary<int, int> { [1] = 0, [2] = 0, [3] = 0, [4] = 2 }, result.OwedAfter());
    }

    [Fact]
    public void ASlotNoOneCanTake_IsUncoveredAndChangesNoOnesLedger()
    {
        var request = Request(Rotation(3), "2026-10-12", "2026-10-14") with
        {
            Unavailability = new[] { 1, 2, 3 }.Select(id => new LeaderUnavailability(id, D("2026-10-13"), D("2026-10-13"), UnavailabilityReason.Visit)).ToArray(),
        };
        var result = RotaGenerator.Generate(request);

        Assert.Equal(["2026-10-12/0=1", "2026-10-14/0=2"], Slots(result));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((RotaWarningKind.Uncovered, (DateOnly?)D("2026-10-13"), (int?)0), (warning.Kind, warning.Date, warning.SessionIndex));
        Assert.Equal("No leader is available for 全天 on 2026-10-13.", warning.Message.ToString());
        Assert.All(result.OwedLedger, e => Assert.Empty(e.Changes));
    }

    [Fact]
    public void ALeader_WithExtraDuties_PassesTurnsButTakesASlotNoOneElseCan()
    {
        var request = Request(Rotation(2), "2026-10-08", "2026-10-12") with
        {
            OwedBefore = new Dictionary<int, int> { [1] = -1 },
            Unavailability = [new LeaderUnavailability(2, D("2026-10-08"), D("2026-10-08"), UnavailabilityReason.Meeting)],
        };
        var result = RotaGenerator.Generate(request);

        Assert.Equal([1, 2, 2, 1], LeadersInOrder(result));
        var ledger = Ledger(result, 1);
        Assert.Equal(
            [OwedChangeKind.ExtraDutyNoOneElse, OwedChangeKind.TurnPassed, OwedChangeKind.TurnPassed],
            ledger.Changes.Select(c => c.Kind));
        Assert.Equal((-1, 0), (ledger.OwedBefore, ledger.OwedAfter));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void ALeaderAwayAllMonth_IsReportedAsAnImbalanceWithTheReason()
    {
        var request = Request(Rotation(4), "2026-10-01", "2026-10-31") with
        {
            Unavailability = [new LeaderUnavailability(4, D("2026-09-28"), D("2026-11-06"), UnavailabilityReason.Leave)],
        };
        var result = RotaGenerator.Generate(request);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal((RotaWarningKind.Imbalance, (int?)4), (warning.Kind, warning.LeaderId));
        Assert.Equal(RotaMessages.ImbalanceUnavailable, warning.Message.Key);
        Assert.Equal(["L4", 0, 6, 18], warning.Message.Args);
        Assert.Equal(5, Ledger(result, 4).OwedAfter); // owed for each turn missed (the sixth would come on 2 November)
        Assert.Equal(18, result.Counts.Single(c => c.LeaderId == 4).UnavailableDutyDays);
    }

    // ---- kept assignments -------------------------------------------------------------------------------------

    [Fact]
    public void PublishingPartOfARotaAndGeneratingAgain_ChangesNothing()
    {
        var rule = Rotation(5, MorningAfternoon);
        var leave = new[] { new LeaderUnavailability(2, D("2026-10-13"), D("2026-10-15"), UnavailabilityReason.Leave) };
        var first = RotaGenerator.Generate(Request(rule, "2026-10-01", "2026-10-31") with { Unavailability = leave });

        var published = first.Assignments.Where(a => a.Date <= D("2026-10-16"))
            .Select(a => new KeptAssignment(a.Date, a.SessionIndex, a.LeaderId, AssignmentSource.Published)).ToArray();
        var again = RotaGenerator.Generate(Request(rule, "2026-10-01", "2026-10-31") with { Unavailability = leave, Kept = published });

        Assert.Equal(Canonical(first, withSource: false), Canonical(again, withSource: false));
        Assert.Equal(published.Length, again.Assignments.Count(a => a.Source == AssignmentSource.Published));
    }

    [Fact]
    public void OverridesAndPublishedSlots_SurviveRegenerationExactly()
    {
        var rule = Rotation(12);
        var first = Generate(rule, "2026-10-01", "2026-10-31");
        var published = first.Assignments.Where(a => a.Date <= D("2026-10-16"))
            .Select(a => new KeptAssignment(a.Date, a.SessionIndex, a.LeaderId, AssignmentSource.Published)).ToList();
        var leaderOn12th = first.Assignments.Single(a => a.Date == D("2026-10-12")).LeaderId;
        var kept = published.Append(new KeptAssignment(D("2026-10-20"), 0, 5, AssignmentSource.ManualOverride)).ToArray();

        // After publishing, the leader of the 12th reports a meeting that day and leader 7 goes on leave.
        var request = Request(rule, "2026-10-01", "2026-10-31") with
        {
            Kept = kept,
            Unavailability =
            [
                new LeaderUnavailability(leaderOn12th, D("2026-10-12"), D("2026-10-12"), UnavailabilityReason.Meeting),
                new LeaderUnavailability(7, D("2026-10-19"), D("2026-10-23"), UnavailabilityReason.Leave),
            ],
        };
        var second = RotaGenerator.Generate(request);

        foreach (var k in kept)
        {
            var source = k.Kind == AssignmentSource.Published ? AssignmentSource.Published : AssignmentSource.ManualOverride;
            Assert.Contains(new RotaAssignment(k.Date, k.SessionIndex, k.LeaderId, source), second.Assignments);
        }

        Assert.Single(second.Assignments, a => a.Date == D("2026-10-20"));
        var conflict = Assert.Single(second.Warnings, w => w.Kind == RotaWarningKind.Conflict);
        Assert.Equal((D("2026-10-12"), leaderOn12th, RotaMessages.KeptLeaderUnavailable),
            (conflict.Date!.Value, conflict.LeaderId!.Value, conflict.Message.Key));
        Assert.DoesNotContain(second.Assignments, a => a.LeaderId == 7 && a.Date >= D("2026-10-19") && a.Date <= D("2026-10-23"));

        // The override counts for fairness: leader 5 took an extra duty and passes their next turn.
        Assert.Equal(
            [OwedChangeKind.ExtraDutyKept, OwedChangeKind.TurnPassed],
            Ledger(second, 5).Changes.Select(c => c.Kind));
        Assert.Equal(2, CountOf(second, 5));

        // Regenerating the regenerated rota with its own kept assignments gives it again.
        var keptAgain = second.Assignments.Where(a => a.IsKept).Select(a => new KeptAssignment(
            a.Date, a.SessionIndex, a.LeaderId, a.Source == AssignmentSource.Published ? AssignmentSource.Published : AssignmentSource.ManualOverride)).ToArray();
        Assert.Equal(Canonical(second), Canonical(RotaGenerator.Generate(request with { Kept = keptAgain })));
    }

    [Fact]
    public void AKeptAssignment_OnAHoliday_IsKeptAndWarned()
    {
        var request = Request(Rotation(3), "2026-10-01", "2026-10-08") with
        {
            Kept = [new KeptAssignment(D("2026-10-03"), 0, 2, AssignmentSource.ManualOverride)],
        };
        var result = RotaGenerator.Generate(request);

        Assert.Equal(["2026-10-03/0=2", "2026-10-08/0=1"], Slots(result));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((RotaWarningKind.Conflict, RotaMessages.KeptOnDayWithoutDuty), (warning.Kind, warning.Message.Key));
        Assert.Equal(-1, Ledger(result, 2).OwedAfter);
    }

    [Fact]
    public void TwoLeadersKept_OnOneSlot_KeepTheManualOverrideAndWarn()
    {
        var request = Request(Rotation(4), "2026-10-08", "2026-10-08") with
        {
            Kept =
            [
                new KeptAssignment(D("2026-10-08"), 0, 3, AssignmentSource.Published),
                new KeptAssignment(D("2026-10-08"), 0, 4, AssignmentSource.ManualOverride),
                new KeptAssignment(D("2026-10-08"), 0, 4, AssignmentSource.ManualOverride),
            ],
        };
        var result = RotaGenerator.Generate(request);

        Assert.Equal([new RotaAssignment(D("2026-10-08"), 0, 4, AssignmentSource.ManualOverride)], result.Assignments);
        Assert.Equal(
            [RotaMessages.KeptTwice, RotaMessages.KeptSlotClash],
            result.Warnings.Select(w => w.Message.Key));
        Assert.All(result.Warnings, w => Assert.Equal(RotaWarningKind.Conflict, w.Kind));
        Assert.Equal("L4 and L3 are both kept on duty on 2026-10-08 (全天); only L4 is kept.", result.Warnings[1].Message.ToString());
    }

    [Fact]
    public void AKeptAssignment_InASessionTheRuleNoLongerHas_IsKeptAndWarned()
    {
        var request = Request(Rotation(3, MorningAfternoon), "2026-10-08", "2026-10-08") with
        {
            Kept = [new KeptAssignment(D("2026-10-08"), 2, 99, AssignmentSource.Published)],
        };
        var result = RotaGenerator.Generate(request);

        Assert.Equal(["2026-10-08/0=1", "2026-10-08/1=2", "2026-10-08/2=99"], Slots(result));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("#99 is kept on duty on 2026-10-08 in session 3, which the rule no longer has.", warning.Message.ToString());
        Assert.Contains(result.Counts, c => c.LeaderId == 99 && c.Kept == 1);
    }

    [Fact]
    public void KeptAssignments_OutsideThePeriod_AreIgnored()
    {
        var request = Request(Rotation(3), "2026-10-08", "2026-10-09") with
        {
            Kept = [new KeptAssignment(D("2026-10-12"), 0, 3, AssignmentSource.Published)],
        };

        Assert.Equal([1, 2], LeadersInOrder(RotaGenerator.Generate(request)));
    }

    // ---- the request --------------------------------------------------------------------------------------------

    [Fact]
    public void Generate_RefusesAnInvalidRuleAndAReversedPeriod()
    {
        Assert.Throws<ArgumentException>(() => Generate(new RotaRule(RotaPattern.Rotation, [], Leaders(2)), "2026-10-01", "2026-10-31"));
        Assert.Throws<ArgumentException>(() => Generate(Rotation(2), "2026-10-31", "2026-10-01"));
    }

    [Fact]
    public void AOneDayPeriod_WithoutDuty_IsEmpty()
    {
        var result = Generate(Rotation(2), "2026-10-01", "2026-10-01");

        Assert.Empty(result.Assignments);
        Assert.Empty(result.Warnings);
        Assert.Null(result.NextPosition);
    }
}
