using System.Globalization;
using System.Text;
using Reception.Core.Calendar;
using Reception.Core.Rotas;

namespace Reception.Core.Tests.Rotas;

/// <summary>Builders and a canonical text form of results, shared by the rota tests.</summary>
internal static class RotaTestData
{
    public static readonly WorkingDayCalendar Cal = TestCalendars.Shipped;

    public static readonly DutySession[] FullDay = [new("全天", new TimeOnly(8, 30), new TimeOnly(17, 30))];

    public static readonly DutySession[] MorningAfternoon =
    [
        new("上午", new TimeOnly(8, 30), new TimeOnly(12, 0)),
        new("下午", new TimeOnly(14, 30), new TimeOnly(17, 30)),
    ];

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Leaders with ids <paramref name="firstId"/>… in rotation order 1…n.</summary>
    public static RotaLeader[] Leaders(int count, int firstId = 1) =>
        Enumerable.Range(0, count).Select(i => new RotaLeader(firstId + i, i + 1, $"L{firstId + i}")).ToArray();

    public static RotaRule Rotation(int leaders, IReadOnlyList<DutySession>? sessions = null) =>
        new(RotaPattern.Rotation, sessions ?? FullDay, Leaders(leaders));

    public static RotaGenerationRequest Request(RotaRule rule, string from, string to) => new(rule, D(from), D(to), Cal);

    public static RotaGenerationResult Generate(RotaRule rule, string from, string to) => RotaGenerator.Generate(Request(rule, from, to));

    /// <summary>The generated or kept leader of each slot, "yyyy-MM-dd/s=id".</summary>
    public static string[] Slots(RotaGenerationResult result) =>
        result.Assignments.Select(a => $"{a.Date:yyyy-MM-dd}/{a.SessionIndex}={a.LeaderId}").ToArray();

    public static int[] LeadersInOrder(RotaGenerationResult result) => result.Assignments.Select(a => a.LeaderId).ToArray();

    public static int CountOf(RotaGenerationResult result, int leaderId) => result.Counts.Single(c => c.LeaderId == leaderId).Total;

    public static OwedLedgerEntry Ledger(RotaGenerationResult result, int leaderId) => result.OwedLedger.Single(e => e.LeaderId == leaderId);

    /// <summary>Everything in a result, as text: two results are the same exactly when their texts are equal.</summary>
    public static string Canonical(RotaGenerationResult result, bool withSource = true)
    {
        var sb = new StringBuilder();
        foreach (var a in result.Assignments)
        {
            sb.Append(CultureInfo.InvariantCulture, $"A {a.Date:yyyy-MM-dd} {a.SessionIndex} {a.LeaderId}");
            sb.AppendLine(withSource ? " " + a.Source : "");
        }

        foreach (var e in result.OwedLedger)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"O {e.LeaderId} {e.OwedBefore}->{e.OwedAfter}");
            foreach (var c in e.Changes)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {c.Date:yyyy-MM-dd} {c.SessionIndex} {c.Kind} {c.Delta} {c.Reason} {c.Message}");
            }
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"P {result.NextPosition}");
        foreach (var c in result.Counts)
        {
            sb.AppendLine(withSource ? $"C {c}" : $"C {c.LeaderId} {c.Total} {c.UnavailableDutyDays}");
        }

        foreach (var w in result.Warnings)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"W {w.Kind} {w.Date:yyyy-MM-dd} {w.SessionIndex} {w.LeaderId} {w.Year} {w.Message.Key} | {w.Message}");
        }

        return sb.ToString();
    }

    public static IEnumerable<RotaWarning> WarningsOf(RotaGenerationResult result, RotaWarningKind kind) =>
        result.Warnings.Where(w => w.Kind == kind);
}
