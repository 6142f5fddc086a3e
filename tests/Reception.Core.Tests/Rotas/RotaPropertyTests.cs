using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Reception.Core.Rotas;
using static Reception.Core.Tests.Rotas.RotaTestData;

namespace Reception.Core.Tests.Rotas;

/// <summary>FsCheck properties of the rota engine over random rules, periods, unavailability, kept assignments and
/// carried-in state, all within the shipped 2024–2026 calendar. Each property is checked against the request with
/// plain loops, not with the engine's own bookkeeping.</summary>
public class RotaPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly DateOnly First = new(2024, 1, 1);
    private static readonly DateOnly Last = new(2026, 12, 31);

    private static readonly DayOfWeek[] AllDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>A random generation request. <see cref="PublishEvery"/> and <see cref="PublishOffset"/> choose
    /// which generated assignments the regeneration property publishes; <see cref="SplitAfter"/> where the
    /// continuation property splits the period.</summary>
    public sealed record Scenario(
        RotaRule Rule,
        DateOnly From,
        DateOnly To,
        LeaderUnavailability[] Away,
        KeptAssignment[] Kept,
        (int LeaderId, int Owed)[] Owed,
        RotaPosition? Position,
        int PublishEvery,
        int PublishOffset,
        int SplitAfter)
    {
        public RotaGenerationRequest Request() => new(Rule, From, To, Cal)
        {
            Unavailability = Away,
            Kept = Kept,
            OwedBefore = Owed.ToDictionary(o => o.LeaderId, o => o.Owed),
            Position = Position,
        };

        public override string ToString()
        {
            var c = CultureInfo.InvariantCulture;
            return string.Join(
                Environment.NewLine,
                $"{Rule.Pattern} {From:yyyy-MM-dd}..{To:yyyy-MM-dd} sessions={Rule.Sessions.Count} min={Rule.MinimumPerMonth}",
                "leaders " + string.Join(" ", Rule.Leaders.Select(l => $"{l.LeaderId}@{l.RotationOrder}")),
                "fixed " + string.Join(" ", Rule.FixedDuties.Select(f => $"{f.Weekday}={f.LeaderId}")),
                "weekdays " + (Rule.Weekdays is null ? "all" : string.Join(",", Rule.Weekdays.Order())),
                "away " + string.Join(" ", Away.Select(a => string.Create(c, $"{a.LeaderId}:{a.From:MM-dd}..{a.To:MM-dd}/{a.Reason}"))),
                "kept " + string.Join(" ", Kept.Select(k => string.Create(c, $"{k.Date:MM-dd}/{k.SessionIndex}={k.LeaderId}/{k.Kind}"))),
                "owed " + string.Join(" ", Owed.Select(o => $"{o.LeaderId}:{o.Owed}")),
                $"position {Position} publish {PublishEvery}/{PublishOffset} split {SplitAfter}");
        }
    }

    private static Gen<DateOnly> DateIn(DateOnly from, DateOnly to) => Gen.Choose(from.DayNumber, to.DayNumber).Select(DateOnly.FromDayNumber);

    private static readonly Gen<(DateOnly From, DateOnly To)> Period = Gen.Frequency(
        (2, from start in DateIn(First, Last)
            from length in Gen.Choose(0, 75)
            select (start, Min(start.AddDays(length), Last))),
        (1, from month in Gen.Choose(0, 35)
            from months in Gen.Choose(1, 3)
            let start = First.AddMonths(month)
            select (start, Min(start.AddMonths(months).AddDays(-1), Last))));

    private static readonly Gen<RotaRule> Rules =
        from pattern in Gen.Elements(RotaPattern.Rotation, RotaPattern.FixedWeekday, RotaPattern.Monthly)
        from n in Gen.Choose(pattern == RotaPattern.FixedWeekday ? 2 : 1, 8)
        from orders in Gen.ArrayOf(Gen.Choose(1, 6), n)
        from sessions in Gen.Elements(FullDay, MorningAfternoon)
        from weekdays in Gen.Frequency(
            (3, Gen.Constant<IReadOnlyList<DayOfWeek>?>(null)),
            (1, Gen.SubListOf(AllDays).Where(d => d.Count > 0).Select(d => (IReadOnlyList<DayOfWeek>?)d)))
        from fixedDays in Gen.SubListOf(AllDays.Take(5)).Where(d => d.Count is > 0 and <= 3)
        from fixedLeaders in Gen.ArrayOf(Gen.Choose(1, Math.Max(1, n - 1)), 3)
        from minimum in Gen.Choose(1, 4)
        let leaders = Enumerable.Range(1, n).Select(id => new RotaLeader(id, orders[id - 1], $"L{id}")).ToArray()
        let fixedDuties = pattern == RotaPattern.FixedWeekday
            ? fixedDays.Select((d, i) => new FixedDuty(fixedLeaders[i], d)).ToArray()
            : []
        let days = weekdays is null ? null : weekdays.Concat(fixedDuties.Select(f => f.Weekday)).ToHashSet()
        select new RotaRule(pattern, sessions, leaders)
        {
            FixedDuties = fixedDuties,
            Weekdays = days,
            MinimumPerMonth = pattern == RotaPattern.Monthly ? minimum : 0,
        };

    private static readonly Gen<Scenario> Scenarios =
        from rule in Rules
        from period in Period
        let n = rule.Leaders.Count
        let length = period.To.DayNumber - period.From.DayNumber
        let someLeader = Gen.Frequency((12, Gen.Choose(1, n)), (1, Gen.Constant(99)))
        from away in Gen.Choose(0, 6).SelectMany(count => Gen.ListOf(
            from leader in someLeader
            from start in Gen.Choose(-10, length)
            from days in Gen.Choose(0, 20)
            from reason in Gen.Elements(Enum.GetValues<UnavailabilityReason>())
            select new LeaderUnavailability(leader, period.From.AddDays(start), period.From.AddDays(start + days), reason), count))
        from kept in Gen.Choose(0, 5).SelectMany(count => Gen.ListOf(
            from leader in someLeader
            from day in Gen.Choose(-3, length + 3)
            from session in Gen.Choose(0, rule.Sessions.Count - 1)
            from kind in Gen.Elements(AssignmentSource.ManualOverride, AssignmentSource.Published)
            select new KeptAssignment(period.From.AddDays(day), session, leader, kind), count))
        from owed in Gen.ArrayOf(Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(-2, 3))), n)
        from position in Gen.Frequency(
            (1, Gen.Constant<RotaPosition?>(null)),
            (3, from id in Gen.Choose(1, n + 1) from order in Gen.Choose(0, 7) select (RotaPosition?)new RotaPosition(id, order)))
        from publishEvery in Gen.Choose(1, 4)
        from publishOffset in Gen.Choose(0, 3)
        from split in Gen.Choose(0, length)
        select new Scenario(
            rule,
            period.From,
            period.To,
            away.ToArray(),
            kept.DistinctBy(k => (k.Date, k.SessionIndex)).ToArray(), // at most one kept assignment per slot
            owed.Select((o, i) => (LeaderId: i + 1, Owed: o)).Where(o => o.Owed != 0).ToArray(),
            position,
            publishEvery,
            publishOffset,
            split);

    private static void Check(Gen<Scenario> scenarios, Action<Scenario, RotaGenerationResult> property) =>
        FsCheck.Check.One(Config, Prop.ForAll(scenarios.ToArbitrary(), s => property(s, RotaGenerator.Generate(s.Request()))));

    private static void Holds(bool condition, string what, RotaGenerationResult result)
    {
        if (!condition)
        {
            throw new InvalidOperationException(what + Environment.NewLine + Canonical(result));
        }
    }

    private static bool IsAway(Scenario s, int leaderId, DateOnly date) =>
        s.Away.Any(a => a.LeaderId == leaderId && a.From <= date && date <= a.To);

    private static IEnumerable<(DateOnly Date, int Session)> DutySlots(Scenario s)
    {
        for (var d = s.From; d <= s.To; d = d.AddDays(1))
        {
            if (Cal.IsWorkingDay(d) && s.Rule.HasDutyOn(d.DayOfWeek))
            {
                for (var i = 0; i < s.Rule.Sessions.Count; i++)
                {
                    yield return (d, i);
                }
            }
        }
    }

    private static bool NoOneCouldTakeIt(Scenario s, DateOnly date) =>
        s.Rule.FixedDuties.Where(f => f.Weekday == date.DayOfWeek).All(f => IsAway(s, f.LeaderId, date))
        && RotatingLeaders(s.Rule).All(id => IsAway(s, id, date));

    private static IEnumerable<int> RotatingLeaders(RotaRule rule) =>
        rule.Leaders.Select(l => l.LeaderId).Where(id => rule.Pattern != RotaPattern.FixedWeekday || rule.FixedDuties.All(f => f.LeaderId != id));

    [Fact]
    public void TheRandomRules_AreValid()
    {
        FsCheck.Check.One(Config, Prop.ForAll(Scenarios.ToArbitrary(), s => s.Rule.Validate().Count == 0));
    }

    [Fact]
    public void NeverTwoLeaders_InOneSlot()
    {
        Check(Scenarios, (s, result) =>
            Holds(result.Assignments.GroupBy(a => (a.Date, a.SessionIndex)).All(g => g.Count() == 1), "a slot has two leaders", result));
    }

    [Fact]
    public void Never_AnUnavailableLeaderUnlessKept()
    {
        Check(Scenarios, (s, result) =>
            Holds(result.Assignments.Where(a => !a.IsKept).All(a => !IsAway(s, a.LeaderId, a.Date)), "an unavailable leader is on duty", result));
    }

    [Fact]
    public void OnlyWorkingDays_WithDutyAndEveryFreeSlotFilledOrWarned()
    {
        Check(Scenarios, (s, result) =>
        {
            var generated = result.Assignments.Where(a => !a.IsKept).Select(a => (a.Date, a.SessionIndex)).ToHashSet();
            var kept = s.Kept.Select(k => (k.Date, k.SessionIndex)).ToHashSet();
            var uncovered = result.Warnings.Where(w => w.Kind == RotaWarningKind.Uncovered).Select(w => (w.Date!.Value, w.SessionIndex!.Value)).ToHashSet();
            var free = DutySlots(s).Where(slot => !kept.Contains(slot)).ToHashSet();

            Holds(generated.All(free.Contains), "a generated duty is outside the duty slots", result);
            Holds(free.All(slot => generated.Contains(slot) != uncovered.Contains(slot)), "a free slot is neither filled nor warned", result);
            Holds(uncovered.All(slot => NoOneCouldTakeIt(s, slot.Item1)), "a slot is uncovered although a leader was free", result);
        });
    }

    [Fact]
    public void EveryKeptAssignment_InThePeriod_IsPresentUnchanged()
    {
        Check(Scenarios, (s, result) =>
        {
            foreach (var k in s.Kept.Where(k => k.Date >= s.From && k.Date <= s.To))
            {
                var source = k.Kind == AssignmentSource.Published ? AssignmentSource.Published : AssignmentSource.ManualOverride;
                Holds(result.Assignments.Contains(new RotaAssignment(k.Date, k.SessionIndex, k.LeaderId, source)), $"kept {k} is missing", result);
            }

            Holds(result.Assignments.Count(a => a.IsKept) == s.Kept.Count(k => k.Date >= s.From && k.Date <= s.To), "extra kept assignments", result);
        });
    }

    [Fact]
    public void CountsOfLeadersNeverUnavailable_DifferByAtMostOne()
    {
        // Without kept assignments; the leaders compared rotate, have no carried-in balance and are never away.
        var scenarios = Scenarios.Select(s => s with { Kept = [] });
        Check(scenarios, (s, result) =>
        {
            var steady = RotatingLeaders(s.Rule)
                .Where(id => s.Owed.All(o => o.LeaderId != id))
                .Where(id => !s.Away.Any(a => a.LeaderId == id && a.From <= s.To && a.To >= s.From))
                .Select(id => result.Assignments.Count(a => a.LeaderId == id))
                .ToList();

            Holds(steady.Count == 0 || steady.Max() - steady.Min() <= 1, "counts differ by more than one: " + string.Join(",", steady), result);
        });
    }

    [Fact]
    public void Generation_IsDeterministicAndIndependentOfListAndDictionaryOrder()
    {
        Check(Scenarios, (s, result) =>
        {
            var text = Canonical(result);
            Holds(text == Canonical(RotaGenerator.Generate(s.Request())), "two runs differ", result);

            var reordered = s with
            {
                Rule = s.Rule with { Leaders = s.Rule.Leaders.Reverse().ToArray(), FixedDuties = s.Rule.FixedDuties.Reverse().ToArray() },
                Away = s.Away.Reverse().ToArray(),
                Kept = s.Kept.Reverse().ToArray(),
                Owed = s.Owed.Reverse().ToArray(),
            };
            Holds(text == Canonical(RotaGenerator.Generate(reordered.Request())), "the order of the input lists matters", result);
        });
    }

    [Fact]
    public void Regenerating_WithTheKeptAssignmentsOfTheOutput_GivesTheSameResult()
    {
        Check(Scenarios, (s, result) =>
        {
            var kept = result.Assignments.Where(a => a.IsKept)
                .Select(a => new KeptAssignment(a.Date, a.SessionIndex, a.LeaderId, a.Source == AssignmentSource.Published ? AssignmentSource.Published : AssignmentSource.ManualOverride))
                .ToArray();
            var again = RotaGenerator.Generate(s.Request() with { Kept = kept });

            Holds(Canonical(result) == Canonical(again), "regeneration differs", result);
        });
    }

    [Fact]
    public void PublishingAnyPartOfTheOutputAndRegenerating_GivesTheSameRota()
    {
        Check(Scenarios, (s, result) =>
        {
            var published = result.Assignments
                .Select((a, i) => (a, i))
                .Where(p => p.a.IsKept || p.i % s.PublishEvery == s.PublishOffset % s.PublishEvery)
                .Select(p => new KeptAssignment(
                    p.a.Date, p.a.SessionIndex, p.a.LeaderId, p.a.Source == AssignmentSource.ManualOverride ? AssignmentSource.ManualOverride : AssignmentSource.Published))
                .ToArray();
            var again = RotaGenerator.Generate(s.Request() with { Kept = published });

            Holds(Canonical(result, withSource: false) == Canonical(again, withSource: false), "publishing changed the rota", result);
        });
    }

    [Fact]
    public void TwoConsecutivePeriods_GiveWhatOnePeriodGives()
    {
        // Monthly is left out: its minimum applies to whole months inside the period, which a split changes.
        var scenarios = Scenarios.Where(s => s.Rule.Pattern != RotaPattern.Monthly);
        Check(scenarios, (s, whole) =>
        {
            var middle = s.From.AddDays(s.SplitAfter);
            var first = RotaGenerator.Generate(s.Request() with { To = middle });
            var rest = middle == s.To
                ? null
                : RotaGenerator.Generate(s.Request() with
                {
                    From = middle.AddDays(1),
                    Position = first.NextPosition,
                    OwedBefore = first.OwedAfter(),
                });

            Holds(Slots(whole).SequenceEqual(Slots(first).Concat(rest is null ? [] : Slots(rest))), "split assignments differ", whole);
            var last = rest ?? first;
            Holds(whole.NextPosition == last.NextPosition, "split positions differ", whole);
            Holds(whole.OwedAfter().OrderBy(p => p.Key).SequenceEqual(last.OwedAfter().OrderBy(p => p.Key)), "split ledgers differ", whole);
        });
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
