using FsCheck;
using FsCheck.Fluent;
using Reception.Core.Calendar;

namespace Reception.Core.Tests.Calendar;

/// <summary>FsCheck properties: over the shipped 2024–2026 data, and over random calendars against a naive model.</summary>
public class CalendarPropertyTests
{
    private static readonly WorkingDayCalendar Cal = TestCalendars.Shipped;
    private static readonly DateOnly First = new(2024, 1, 1);
    private static readonly DateOnly Last = new(2026, 12, 31);

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static Gen<DateOnly> DateIn(DateOnly from, DateOnly to) =>
        Gen.Choose(from.DayNumber, to.DayNumber).Select(DateOnly.FromDayNumber);

    private static readonly Gen<DateOnly> ShippedDate = DateIn(First, Last);

    private static bool NoWorkingDayStrictlyBetween(WorkingDayCalendar cal, DateOnly a, DateOnly b)
    {
        for (var d = a.AddDays(1); d < b; d = d.AddDays(1))
        {
            if (cal.IsWorkingDay(d))
            {
                return false;
            }
        }

        return true;
    }

    private static DateOnly LastWorkingDayOnOrBefore(WorkingDayCalendar cal, DateOnly d) =>
        cal.IsWorkingDay(d) ? d : cal.PreviousWorkingDay(d).Value;

    [Fact]
    public void NextWorkingDay_IsTheFirstWorkingDayAfter()
    {
        Check.One(Config, Prop.ForAll(ShippedDate.ToArbitrary(), d =>
        {
            var next = Cal.NextWorkingDay(d);
            return next.Value > d
                && Cal.IsWorkingDay(next.Value)
                && NoWorkingDayStrictlyBetween(Cal, d, next.Value)
                && next.IsCertain == (next.Value.Year <= 2026);
        }));
    }

    [Fact]
    public void PreviousWorkingDay_IsTheLastWorkingDayBefore()
    {
        Check.One(Config, Prop.ForAll(ShippedDate.ToArbitrary(), d =>
        {
            var previous = Cal.PreviousWorkingDay(d);
            return previous.Value < d
                && Cal.IsWorkingDay(previous.Value)
                && NoWorkingDayStrictlyBetween(Cal, previous.Value, d)
                && previous.IsCertain == (previous.Value.Year >= 2024);
        }));
    }

    [Fact]
    public void NextAndPrevious_AreInverseOnWorkingDays()
    {
        var workingDay = ShippedDate.Where(Cal.IsWorkingDay);
        Check.One(Config, Prop.ForAll(workingDay.ToArbitrary(), d =>
            Cal.PreviousWorkingDay(Cal.NextWorkingDay(d).Value).Value == d
            && Cal.NextWorkingDay(Cal.PreviousWorkingDay(d).Value).Value == d));
    }

    [Fact]
    public void AddWorkingDaysThenCounting_GivesBackN()
    {
        var gen = Gen.Zip(ShippedDate, Gen.Choose(0, 300));
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (d, n) = t;
            var result = Cal.AddWorkingDays(d, n).Value;
            return Cal.CountWorkingDays(d.AddDays(1), result).Value == n
                && (n == 0 ? result == d : result > d && Cal.IsWorkingDay(result));
        }));
    }

    [Fact]
    public void AddWorkingDaysBackwardsThenCounting_GivesBackN()
    {
        var gen = Gen.Zip(ShippedDate, Gen.Choose(1, 300));
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (d, n) = t;
            var result = Cal.AddWorkingDays(d, -n).Value;
            return result < d && Cal.IsWorkingDay(result) && Cal.CountWorkingDays(result, d.AddDays(-1)).Value == n;
        }));
    }

    [Fact]
    public void GoingForwardNThenBackN_LandsOnTheLastWorkingDayOnOrBeforeTheStart()
    {
        var gen = Gen.Zip(ShippedDate, Gen.Choose(1, 300));
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (d, n) = t;
            var there = Cal.AddWorkingDays(d, n).Value;
            return Cal.AddWorkingDays(there, -n).Value == LastWorkingDayOnOrBefore(Cal, d);
        }));
    }

    [Fact]
    public void AddWorkingDays_Composes()
    {
        var gen = from d in ShippedDate from a in Gen.Choose(1, 150) from b in Gen.Choose(0, 150) select (d, a, b);
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (d, a, b) = t;
            return Cal.AddWorkingDays(Cal.AddWorkingDays(d, a).Value, b).Value == Cal.AddWorkingDays(d, a + b).Value;
        }));
    }

    [Fact]
    public void Counts_AreAdditiveAndAgreeWithTheListedRange()
    {
        var gen = from a in ShippedDate from x in Gen.Choose(0, 200) from y in Gen.Choose(0, 200) select (a, x, y);
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (a, x, y) = t;
            var b = a.AddDays(x);
            var c = b.AddDays(y + 1);
            var whole = Cal.CountWorkingDays(a, c).Value;
            var listed = Cal.WorkingDaysInRange(a, c).Value;
            var naive = 0;
            for (var d = a; d <= c; d = d.AddDays(1))
            {
                naive += Cal.IsWorkingDay(d) ? 1 : 0;
            }

            return whole == Cal.CountWorkingDays(a, b).Value + Cal.CountWorkingDays(b.AddDays(1), c).Value
                && whole == naive
                && listed.Count == whole
                && listed.All(Cal.IsWorkingDay)
                && listed.Zip(listed.Skip(1)).All(p => p.First < p.Second);
        }));
    }

    [Fact]
    public void DescribeAndIsWorkingDay_Agree()
    {
        var anyDate = DateIn(new DateOnly(2020, 1, 1), new DateOnly(2030, 12, 31));
        Check.One(Config, Prop.ForAll(anyDate.ToArbitrary(), d =>
        {
            var info = Cal.Describe(d);
            return info.Date == d
                && info.IsWorkingDay == Cal.IsWorkingDay(d)
                && info.YearKnown == Cal.IsYearKnown(d.Year)
                && (info.HolidayName is not null) == (info.Kind is DayKind.Holiday or DayKind.MakeUpWorkday)
                && info.IsProvisional == (!info.YearKnown && info.Kind == DayKind.Holiday)
                && info.IsProvisional == (!info.YearKnown && StatutoryHolidays.For(d.Year).Any(s => s.Date == d));
        }));
    }

    // ---- random calendars against a naive, day-by-day model -------------------------------------------------

    /// <summary>The rule of DESIGN.md written as plainly as possible: a known year's listed dates, an unknown year's
    /// statutory days (provisional days off), otherwise the weekday.</summary>
    private sealed record Model(Dictionary<DateOnly, bool> OffByDate, HashSet<int> KnownYears)
    {
        public bool IsWorkingDay(DateOnly d)
        {
            if (KnownYears.Contains(d.Year))
            {
                if (OffByDate.TryGetValue(d, out var off))
                {
                    return !off;
                }
            }
            else if (StatutoryHolidays.For(d.Year).Any(s => s.Date == d))
            {
                return false;
            }

            return d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        }

        public (DateOnly Value, int[] UnknownYears) Add(DateOnly start, int days)
        {
            var unknown = new SortedSet<int>();
            var step = Math.Sign(days);
            var remaining = Math.Abs(days);
            var d = start;
            while (remaining > 0)
            {
                d = d.AddDays(step);
                if (!KnownYears.Contains(d.Year))
                {
                    unknown.Add(d.Year);
                }

                if (IsWorkingDay(d))
                {
                    remaining--;
                }
            }

            return (d, unknown.ToArray());
        }
    }

    /// <summary>Dates within a few days of a 1 January, where year-boundary mistakes show.</summary>
    private static readonly Gen<DateOnly> NearNewYear =
        from year in Gen.Choose(2020, 2031)
        from offset in Gen.Choose(-6, 6)
        select new DateOnly(year, 1, 1).AddDays(offset);

    private static readonly Gen<(WorkingDayCalendar Calendar, Model Model)> RandomCalendar =
        from known in Gen.SubListOf(Enumerable.Range(2020, 11))
        from listed in Gen.ListOf(Gen.Zip(DateIn(new DateOnly(2019, 1, 1), new DateOnly(2031, 12, 31)), Gen.Elements(true, false)))
        from holidayBlock in Gen.Choose(0, 40)
        from blockStart in DateIn(new DateOnly(2020, 1, 1), new DateOnly(2030, 12, 31))
        select Build(known, listed, blockStart, holidayBlock);

    private static (WorkingDayCalendar, Model) Build(
        IEnumerable<int> known, IEnumerable<(DateOnly Date, bool Off)> listed, DateOnly blockStart, int blockLength)
    {
        var offByDate = new Dictionary<DateOnly, bool>();
        foreach (var (date, off) in listed)
        {
            offByDate[date] = off;
        }

        // A long run of off days (a long holiday), possibly crossing a year boundary.
        for (var i = 0; i < blockLength; i++)
        {
            offByDate[blockStart.AddDays(i)] = true;
        }

        var entries = offByDate.Select(p => new HolidayEntry(p.Key, p.Value ? "休" : "班", p.Value)).ToArray();
        var knownYears = known.ToHashSet();
        return (new WorkingDayCalendar(entries, knownYears), new Model(offByDate, knownYears));
    }

    [Fact]
    public void RandomCalendars_AgreeWithTheNaiveModel()
    {
        var gen =
            from c in RandomCalendar
            from d in Gen.Frequency(
                (2, DateIn(new DateOnly(2019, 6, 1), new DateOnly(2031, 6, 30))),
                (1, NearNewYear))
            from n in Gen.Frequency((2, Gen.Choose(-400, 400)), (1, Gen.Choose(-5, 5)))
            select (c, d, n);
        Check.One(Config.WithMaxTest(500), Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var ((cal, model), d, n) = t;
            var actual = cal.AddWorkingDays(d, n);
            var expected = model.Add(d, n);
            var end = d.AddDays(Math.Abs(n) + 30);
            var naiveCount = 0;
            for (var x = d; x <= end; x = x.AddDays(1))
            {
                naiveCount += model.IsWorkingDay(x) ? 1 : 0;
            }

            return actual.Value == expected.Value
                && actual.UnknownYears.SequenceEqual(expected.UnknownYears)
                && cal.IsWorkingDay(d) == model.IsWorkingDay(d)
                && cal.Describe(d).IsWorkingDay == model.IsWorkingDay(d)
                && cal.CountWorkingDays(d, end).Value == naiveCount
                && cal.NextWorkingDay(d).Value == model.Add(d, 1).Value
                && cal.PreviousWorkingDay(d).Value == model.Add(d, -1).Value;
        }));
    }
}
