using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Cases.History;

namespace Reception.Web.Features.Cases;

/// <summary>Open cases of one row of the board, by colour.</summary>
public sealed record ColourCounts(int Red, int Yellow, int Blue, int Green)
{
    public static ColourCounts None { get; } = new(0, 0, 0, 0);

    public int Total => Red + Yellow + Blue + Green;

    public int Of(SupervisionColour colour) => colour switch
    {
        SupervisionColour.Red => Red,
        SupervisionColour.Yellow => Yellow,
        SupervisionColour.Blue => Blue,
        _ => Green,
    };

    public ColourCounts Plus(ColourCounts other) => new(Red + other.Red, Yellow + other.Yellow, Blue + other.Blue, Green + other.Green);
}

/// <summary>A handling unit's open cases by colour; <see cref="UnitId"/> null for the cases not assigned to a unit yet.</summary>
public sealed record BoardUnitRow(int? UnitId, string Unit, ColourCounts Counts);

/// <summary>An owning leader's (包案领导) open cases by colour.</summary>
public sealed record BoardLeaderRow(int LeaderId, string Leader, string Title, ColourCounts Counts);

/// <summary>What the supervision board shows: totals by colour, by handling unit and by owning leader, and recent rises.</summary>
public sealed record BoardCounts(
    ColourCounts Totals,
    IReadOnlyList<BoardUnitRow> Units,
    bool UnitsTruncated,
    IReadOnlyList<BoardLeaderRow> Leaders,
    bool LeadersTruncated,
    int ColourRisesLastWeek);

/// <summary>
/// The supervision board's counts over the open cases (those with a stored <see cref="PetitionCase.Colour"/>) that the user
/// sees (<see cref="ScopeFilters.VisibleTo"/>). Each table is one grouped query with a conditional count per colour on the
/// stored colour column, so the database does the counting and no case is loaded: the totals are the sum of the unit groups
/// (every open case is in exactly one), the unit and leader tables keep the <see cref="UnitRows"/> units and
/// <see cref="LeaderRows"/> leaders with the most red, then yellow cases, and the rises are counted from the (Kind, AtUtc)
/// index of the history.
/// </summary>
public static class BoardQuery
{
    /// <summary>The leader table shows at most this many leaders.</summary>
    public const int LeaderRows = 50;

    /// <summary>The unit table shows at most this many units (besides the row of cases not assigned to a unit yet).</summary>
    public const int UnitRows = 100;

    /// <summary>"Colour rises in the last N days".</summary>
    public const int RiseDays = 7;

    private const int NoKey = -1;

    public static readonly SupervisionColour[] Colours = [SupervisionColour.Red, SupervisionColour.Yellow, SupervisionColour.Blue, SupervisionColour.Green];

    /// <summary>The board of <paramref name="scope"/>. <paramref name="clock"/> dates the "last 7 days".</summary>
    public static async Task<BoardCounts> CountsAsync(AppDbContext db, UserScope scope, TimeProvider clock, CancellationToken ct = default)
    {
        var open = db.Cases.AsNoTracking().VisibleTo(db, scope).Where(c => c.Colour != null);

        // One group per handling unit (and one for the cases not assigned to a unit yet), which also gives the totals.
        // Grouping on an expression (not the bare column) keeps SQLite from walking the HandlingUnitId index in key order
        // and looking up every case; it reads the open cases from the covering partial index instead.
        var byUnit = await open
            .GroupBy(c => c.HandlingUnitId ?? NoKey)
            .Select(g => new
            {
                UnitId = g.Key,
                Red = g.Count(c => c.Colour == SupervisionColour.Red),
                Yellow = g.Count(c => c.Colour == SupervisionColour.Yellow),
                Blue = g.Count(c => c.Colour == SupervisionColour.Blue),
                Green = g.Count(c => c.Colour == SupervisionColour.Green),
            })
            .ToListAsync(ct);

        // A province has thousands of units: the table keeps the UnitRows with the most red, then yellow cases.
        var shown = byUnit.Where(u => u.UnitId != NoKey)
            .OrderByDescending(x => x.Red).ThenByDescending(x => x.Yellow).ThenByDescending(x => x.Blue).ThenBy(x => x.UnitId)
            .Take(UnitRows)
            .ToList();

        var byLeader = await open
            .GroupBy(c => c.OwnerLeaderId ?? NoKey)
            .Where(g => g.Key != NoKey)
            .Select(g => new
            {
                LeaderId = g.Key,
                Red = g.Count(c => c.Colour == SupervisionColour.Red),
                Yellow = g.Count(c => c.Colour == SupervisionColour.Yellow),
                Blue = g.Count(c => c.Colour == SupervisionColour.Blue),
                Green = g.Count(c => c.Colour == SupervisionColour.Green),
            })
            .OrderByDescending(x => x.Red).ThenByDescending(x => x.Yellow).ThenByDescending(x => x.Blue).ThenBy(x => x.LeaderId)
            .Take(LeaderRows + 1)
            .ToListAsync(ct);

        var since = clock.GetUtcNow().UtcDateTime.AddDays(-RiseDays);
        // The colours as the history stores them (ColourChanged.Text), compared in SQL.
        string red = ColourChanged.Text(SupervisionColour.Red)!, yellow = ColourChanged.Text(SupervisionColour.Yellow)!,
            blue = ColourChanged.Text(SupervisionColour.Blue)!, green = ColourChanged.Text(SupervisionColour.Green)!;
        var rises = await (
            from e in db.CaseEvents
            where e.Kind == CaseEventKind.ColourChanged && e.AtUtc >= since
                  && ((e.After == red && (e.Before == null || e.Before != red))
                      || (e.After == yellow && (e.Before == null || e.Before == green || e.Before == blue))
                      || (e.After == blue && (e.Before == null || e.Before == green)))
            join c in db.Cases.VisibleTo(db, scope) on e.PetitionCaseId equals c.Id
            select e.Id).CountAsync(ct);

        var unitIds = shown.Select(u => u.UnitId).ToList();
        var unitNames = await db.OrgUnits.AsNoTracking().Where(o => unitIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var leaderIds = byLeader.Select(l => l.LeaderId).ToList();
        var leaders = await db.Leaders.AsNoTracking().Where(l => leaderIds.Contains(l.Id))
            .Select(l => new { l.Id, l.Name, l.Title }).ToDictionaryAsync(l => l.Id, ct);

        var units = shown
            .Select(u => new BoardUnitRow(u.UnitId, unitNames.GetValueOrDefault(u.UnitId, "#" + u.UnitId.ToString(CultureInfo.InvariantCulture)),
                new ColourCounts(u.Red, u.Yellow, u.Blue, u.Green)))
            .OrderByDescending(u => u.Counts.Red).ThenByDescending(u => u.Counts.Yellow).ThenByDescending(u => u.Counts.Blue)
            .ThenBy(u => u.Unit, StringComparer.Ordinal)
            .ToList();
        if (byUnit.SingleOrDefault(u => u.UnitId == NoKey) is { } none)
            units.Insert(0, new BoardUnitRow(null, "", new ColourCounts(none.Red, none.Yellow, none.Blue, none.Green)));
        var leaderRows = byLeader.Take(LeaderRows)
            .Select(l => leaders.TryGetValue(l.LeaderId, out var x)
                ? new BoardLeaderRow(l.LeaderId, x.Name, x.Title, new ColourCounts(l.Red, l.Yellow, l.Blue, l.Green))
                : new BoardLeaderRow(l.LeaderId, "#" + l.LeaderId.ToString(CultureInfo.InvariantCulture), "", new ColourCounts(l.Red, l.Yellow, l.Blue, l.Green)))
            .ToList();
        var totals = byUnit.Aggregate(ColourCounts.None, (sum, u) => sum.Plus(new ColourCounts(u.Red, u.Yellow, u.Blue, u.Green)));
        return new BoardCounts(totals, units, byUnit.Count(u => u.UnitId != NoKey) > UnitRows, leaderRows, byLeader.Count > LeaderRows, rises);
    }

    /// <summary>
    /// The case list's address for a count of the board: open cases, optionally of one colour, handling unit or owning
    /// leader (the parameter names of /Cases).
    /// </summary>
    public static string CaseListLink(SupervisionColour? colour = null, int? unitId = null, int? leaderId = null)
    {
        var query = QueryString.Create("open", "true");
        if (colour is { } c) query = query.Add("colour", c.ToString());
        if (unitId is { } u) query = query.Add("unit", u.ToString(CultureInfo.InvariantCulture));
        if (leaderId is { } l) query = query.Add("leader", l.ToString(CultureInfo.InvariantCulture));
        return "/Cases" + query.ToUriComponent();
    }
}
