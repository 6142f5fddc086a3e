using Reception.Core.Calendar;
using Reception.Core.Rotas;

namespace Reception.Benchmarks;

/// <summary>
/// A province-sized year (DESIGN.md, "Scale"): 100 org units with 15 leaders each, the whole of 2026, two sessions a
/// day, about 10% of each leader's days unavailable and one manual override a month per unit (on a working day). The data comes from a
/// fixed seed, so every run measures the same work.
/// </summary>
public static class YearWorkload
{
    public const int Units = 100;
    public const int LeadersPerUnit = 15;
    public const int Seed = 20_261_001;

    public static readonly DateOnly From = new(2026, 1, 1);
    public static readonly DateOnly To = new(2026, 12, 31);

    private static readonly DutySession[] Sessions =
    [
        new("上午", new TimeOnly(8, 30), new TimeOnly(12, 0)),
        new("下午", new TimeOnly(14, 30), new TimeOnly(17, 30)),
    ];

    /// <summary>One whole-year request per unit; the three patterns take turns.</summary>
    public static RotaGenerationRequest[] Build(WorkingDayCalendar calendar)
    {
        // System.Random with a seed is the same sequence on every run and platform (the legacy seeded algorithm).
        var random = new Random(Seed);
        var requests = new RotaGenerationRequest[Units];
        var days = To.DayNumber - From.DayNumber + 1;
        for (var unit = 0; unit < Units; unit++)
        {
            var ids = Enumerable.Range(1, LeadersPerUnit).Select(i => (unit * 100) + i).ToArray();
            var orders = Enumerable.Range(1, LeadersPerUnit).OrderBy(_ => random.Next()).ToArray();
            var leaders = ids.Select((id, i) => new RotaLeader(id, orders[i], $"领导{id}")).ToArray();
            var rule = (unit % 3) switch
            {
                0 => new RotaRule(RotaPattern.Rotation, Sessions, leaders),
                1 => new RotaRule(RotaPattern.FixedWeekday, Sessions, leaders)
                {
                    FixedDuties = [new FixedDuty(ids[0], DayOfWeek.Monday), new FixedDuty(ids[1], DayOfWeek.Friday)],
                },
                _ => new RotaRule(RotaPattern.Monthly, Sessions, leaders) { MinimumPerMonth = 2 },
            };

            var away = new List<LeaderUnavailability>();
            foreach (var id in ids)
            {
                var covered = new bool[days];
                var count = 0;
                while (count < days / 10)
                {
                    var start = random.Next(days);
                    var length = random.Next(1, 8);
                    var reason = (UnavailabilityReason)random.Next(4);
                    away.Add(new LeaderUnavailability(id, From.AddDays(start), From.AddDays(start + length - 1), reason));
                    for (var d = start; d < Math.Min(days, start + length); d++)
                    {
                        count += covered[d] ? 0 : 1;
                        covered[d] = true;
                    }
                }
            }

            var kept = Enumerable.Range(1, 12)
                .Select(month =>
                {
                    var first = new DateOnly(From.Year, month, 1);
                    var workingDays = calendar.WorkingDaysInRange(first, first.AddMonths(1).AddDays(-1)).Value;
                    var date = workingDays[random.Next(workingDays.Count)];
                    return new KeptAssignment(date, random.Next(Sessions.Length), ids[random.Next(LeadersPerUnit)], AssignmentSource.ManualOverride);
                })
                .ToArray();

            requests[unit] = new RotaGenerationRequest(rule, From, To, calendar) { Unavailability = away, Kept = kept };
        }

        return requests;
    }

    /// <summary>Generates the year month by month, carrying the rotation position and the owed ledger, as the web
    /// layer does when a Clerk generates one month at a time.</summary>
    public static RotaGenerationResult[] MonthByMonth(RotaGenerationRequest year)
    {
        var results = new RotaGenerationResult[12];
        var position = year.Position;
        var owed = year.OwedBefore;
        for (var month = 1; month <= 12; month++)
        {
            var first = new DateOnly(year.From.Year, month, 1);
            var result = RotaGenerator.Generate(year with
            {
                From = first,
                To = first.AddMonths(1).AddDays(-1),
                Position = position,
                OwedBefore = owed,
            });
            results[month - 1] = result;
            position = result.NextPosition;
            owed = result.OwedAfter();
        }

        return results;
    }
}
