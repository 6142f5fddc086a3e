namespace Reception.Core.Reports;

/// <summary>
/// One line of a ranking: its place (null: not ranked, nothing to measure), what it ranks, and the figures behind it —
/// a rate's numerator and denominator, or a count as the numerator (denominator 0, no rate).
/// </summary>
public sealed record RankedRow(int? Rank, string Key, string Name, int Numerator, int Denominator, double? Rate);

/// <summary>The input of a ranking: a named pair of counts.</summary>
public sealed record RankInput(string Key, string Name, int Numerator, int Denominator);

/// <summary>
/// The rankings of the 通报 (units by on-time rate, leaders by resolution rate, townships by new cases), by standard
/// competition ranking: equal values share a place and the next place skips ("1, 2, 2, 4"). Rates are compared exactly
/// (a/b against c/d as a·d against c·b, never as rounded decimals). A line with nothing to measure (denominator 0) has no
/// rate and no place and comes last. Within a tie, the larger denominator, then the name, decide the order of the lines
/// (not their place).
/// </summary>
public static class Ranking
{
    /// <summary>Ranks by <c>Numerator ÷ Denominator</c>, highest first.</summary>
    public static IReadOnlyList<RankedRow> ByRate(IEnumerable<RankInput> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        if (list.Any(r => r.Numerator < 0 || r.Denominator < 0 || r.Numerator > r.Denominator && r.Denominator > 0))
            throw new ArgumentException("A rate's counts are not negative and its numerator is not above its denominator.", nameof(rows));
        var measured = list.Where(r => r.Denominator > 0).ToList();
        measured.Sort((a, b) =>
        {
            var byRate = CompareRate(b, a);
            if (byRate != 0) return byRate;
            var byDenominator = b.Denominator.CompareTo(a.Denominator);
            return byDenominator != 0 ? byDenominator : string.CompareOrdinal(a.Name, b.Name);
        });
        var result = new List<RankedRow>(list.Count);
        for (var i = 0; i < measured.Count; i++)
        {
            var r = measured[i];
            var rank = i > 0 && CompareRate(measured[i - 1], r) == 0 ? result[i - 1].Rank : i + 1;
            result.Add(new RankedRow(rank, r.Key, r.Name, r.Numerator, r.Denominator, (double)r.Numerator / r.Denominator));
        }
        result.AddRange(list.Where(r => r.Denominator == 0).OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new RankedRow(null, r.Key, r.Name, r.Numerator, 0, null)));
        return result;
    }

    /// <summary>Ranks by a count, highest first (the numerator of each line; a zero count is ranked too).</summary>
    public static IReadOnlyList<RankedRow> ByCount(IEnumerable<(string Key, string Name, int Count)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ordered = rows.OrderByDescending(r => r.Count).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var result = new List<RankedRow>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var r = ordered[i];
            var rank = i > 0 && ordered[i - 1].Count == r.Count ? result[i - 1].Rank : i + 1;
            result.Add(new RankedRow(rank, r.Key, r.Name, r.Count, 0, null));
        }
        return result;
    }

    private static int CompareRate(RankInput a, RankInput b) =>
        ((long)a.Numerator * b.Denominator).CompareTo((long)b.Numerator * a.Denominator);
}
