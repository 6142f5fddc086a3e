using FsCheck;
using FsCheck.Fluent;
using Reception.Core.Calendar;
using Reception.Core.Cases.Deadlines;

namespace Reception.Core.Tests.Cases.Deadlines;

/// <summary>FsCheck properties of the deadline clock (shipped 2024–2026 data) and of the supervision colours.</summary>
public class DeadlinePropertyTests
{
    private static readonly WorkingDayCalendar Cal = TestCalendars.Shipped;
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static Gen<DateOnly> DateIn(DateOnly from, DateOnly to) =>
        Gen.Choose(from.DayNumber, to.DayNumber).Select(DateOnly.FromDayNumber);

    private static readonly Gen<DateOnly> Start = DateIn(new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31));

    private static readonly Gen<DeadlineRule> AnyRule =
        from length in Gen.Frequency((3, Gen.Choose(1, 60)), (1, Gen.Choose(1, 365)))
        from unit in Gen.Elements(DeadlineUnit.CalendarDays, DeadlineUnit.WorkingDays)
        select DeadlineRules.Defaults[DeadlineRules.Handle] with { Length = length, Unit = unit, CanPause = true };

    private static readonly Gen<DeadlinePause[]> Pauses =
        from count in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(1, 4)))
        from list in Gen.ArrayOf(
            from offset in Gen.Choose(-10, 120)
            from length in Gen.Choose(0, 20)
            select (offset, length), count)
        select list.Select(p => new DeadlinePause(new DateOnly(2000, 1, 1).AddDays(p.offset), new DateOnly(2000, 1, 1).AddDays(p.offset + p.length))).ToArray();

    /// <summary>Pauses generated relative to 2000-01-01, moved to be relative to the start.</summary>
    private static DeadlinePause[] Around(DateOnly start, DeadlinePause[] pauses)
    {
        var shift = start.DayNumber - new DateOnly(2000, 1, 1).DayNumber;
        return pauses.Select(p => new DeadlinePause(p.From.AddDays(shift), p.To.AddDays(shift))).ToArray();
    }

    private static DeadlineAnswer Compute(DeadlineRule rule, DateOnly start, DeadlineExtension[]? ext = null, DeadlinePause[]? pauses = null)
    {
        var result = DeadlineClock.Compute(rule, start, Cal, start, ext, pauses);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors));
        }

        return result.Answer!;
    }

    /// <summary>The documented semantics written as plainly as possible: step day by day.</summary>
    private static DateOnly Naive(DeadlineRule rule, DateOnly start, int n, DeadlinePause[] pauses)
    {
        bool Paused(DateOnly d) => pauses.Any(p => p.From <= d && d <= p.To);
        var d = start;
        var remaining = n;
        while (remaining > 0)
        {
            d = d.AddDays(1);
            if (!Paused(d) && (rule.Unit == DeadlineUnit.CalendarDays || Cal.IsWorkingDay(d)))
            {
                remaining--;
            }
        }

        while (!Cal.IsWorkingDay(d))
        {
            d = d.AddDays(1);
        }

        return d;
    }

    [Fact]
    public void ACalendarDayClock_NeverEndsOnAnOffDay()
    {
        var gen = from rule in AnyRule from start in Start from pauses in Pauses select (rule with { Unit = DeadlineUnit.CalendarDays }, start, pauses);
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (rule, start, pauses) = t;
            var answer = Compute(rule, start, pauses: Around(start, pauses));
            var raw = answer.MovedFrom ?? answer.DueDate;
            return Cal.IsWorkingDay(answer.DueDate)
                && answer.DueDate > start
                && (answer.MovedFrom is null || (!Cal.IsWorkingDay(raw) && Cal.NextWorkingDay(raw).Value == answer.DueDate))
                && answer.IsCertain == (answer.DueDate.Year <= 2026);
        }));
    }

    [Fact]
    public void TheClock_AgreesWithADayByDayModel()
    {
        var gen = from rule in AnyRule from start in Start from pauses in Pauses from ext in Gen.Choose(0, 30) select (rule, start, pauses, ext);
        Check.One(Config.WithMaxTest(500), Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (rule, start, relative, ext) = t;
            var pauses = Around(start, relative);
            DeadlineExtension[] extensions = ext == 0 ? [] : [new DeadlineExtension(ext, "r", "a")];
            var answer = Compute(rule, start, extensions, pauses);
            return answer.DueDate == Naive(rule, start, rule.Length + ext, pauses) && answer.ExtendedByDays == ext;
        }));
    }

    [Fact]
    public void AnExtension_NeverMovesTheDueDateEarlier()
    {
        var gen = from rule in AnyRule from start in Start from pauses in Pauses from ext in Gen.Choose(1, 30) select (rule, start, pauses, ext);
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (rule, start, relative, ext) = t;
            var pauses = Around(start, relative);
            var without = Compute(rule, start, pauses: pauses).DueDate;
            var with = Compute(rule, start, [new DeadlineExtension(ext, "r", "a")], pauses).DueDate;
            return with >= without && with >= start.AddDays(rule.Length + ext);
        }));
    }

    [Fact]
    public void APause_NeverMovesTheDueDateEarlier()
    {
        var gen = from rule in AnyRule from start in Start from pauses in Pauses select (rule, start, pauses);
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (rule, start, relative) = t;
            var pauses = Around(start, relative);
            var without = Compute(rule, start);
            var with = Compute(rule, start, pauses: pauses);
            return with.DueDate >= without.DueDate && (with.PausedDays > 0 || with.DueDate == without.DueDate);
        }));
    }

    // ---- supervision ------------------------------------------------------------------------------------------

    private static readonly Gen<SupervisionThresholds> Thresholds = Gen.Frequency(
        (1, Gen.Constant(SupervisionThresholds.Default)),
        (2, from blue in Gen.Choose(0, 30)
            from noProgress in Gen.Choose(1, 60)
            from red in Gen.Choose(0, 60)
            select new SupervisionThresholds { BlueDaysLeft = blue, YellowNoProgressDays = noProgress, RedOverdueDays = red }));

    [Fact]
    public void TheColour_NeverFallsAsDaysLeftDecrease()
    {
        var gen = from t in Thresholds
                  from daysLeft in Gen.Choose(-100, 100)
                  from less in Gen.Choose(1, 50)
                  from progress in Gen.Choose(0, 80)
                  from escalated in Gen.Elements(true, false)
                  select (t, daysLeft, less, progress, escalated);
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var before = Supervision.ColourOf(x.daysLeft, x.progress, x.escalated, x.t).Colour;
            var after = Supervision.ColourOf(x.daysLeft - x.less, x.progress, x.escalated, x.t).Colour;
            var staler = Supervision.ColourOf(x.daysLeft, x.progress + x.less, x.escalated, x.t).Colour;
            var escalated = Supervision.ColourOf(x.daysLeft, x.progress, true, x.t).Colour;
            return after >= before && staler >= before && escalated == SupervisionColour.Red
                && !ColourRise.Rose(after, before) && ColourRise.Rose(before, after) == (after > before);
        }));
    }

    [Fact]
    public void TheSqlBoundaries_AgreeWithColourOf()
    {
        var gen = from t in Thresholds
                  from today in DateIn(new DateOnly(2024, 1, 1), new DateOnly(2030, 12, 31))
                  from dueOffset in Gen.Frequency((3, Gen.Choose(-40, 40)), (1, Gen.Choose(-400, 400)))
                  from progressAgo in Gen.Choose(-5, 100)
                  from escalated in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
                  select (t, today, due: today.AddDays(dueOffset), progress: today.AddDays(-progressAgo), escalated);
        Check.One(Config.WithMaxTest(3000), Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var boundaries = Supervision.DueDateBoundaries(x.today, x.t);
            var viaSql = Supervision.ColourOfDates(x.due, x.progress, x.escalated, boundaries);
            var direct = Supervision.ColourOf(
                x.due.DayNumber - x.today.DayNumber, x.today.DayNumber - x.progress.DayNumber, x.escalated, x.t).Colour;
            return viaSql == direct && Supervision.ColourOf(x.due, x.progress, x.today, x.escalated, x.t).Colour == direct;
        }));
    }
}
