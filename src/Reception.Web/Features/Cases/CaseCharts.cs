using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Web.UI.Charts;

namespace Reception.Web.Features.Cases;

/// <summary>
/// The case charts (issue 19 item 1), drawn from the figures of <see cref="CaseMetrics"/> and <see cref="BoardQuery"/>
/// (one definition of each figure): the metrics page and the board use them, and so can a report. Each chart carries
/// its data table (<c>_Chart</c>) and, where the figure needs one, its definition.
/// </summary>
public static class CaseCharts
{
    private const int UnitBars = 10;

    /// <summary>"2026-03" as the metrics page writes a month.</summary>
    public static string MonthLabel(IStringLocalizer l, DateOnly month) =>
        l["{0}-{1}", month.Year, month.Month.ToString("00", CultureInfo.InvariantCulture)];

    /// <summary>Registered, resolved and open overdue cases per month of receipt (a line per figure).</summary>
    public static Chart MonthlyTrend(IStringLocalizer l, IReadOnlyList<MonthFigures> months) => new(
        "chart-trend", l["Cases by month of receipt"], ChartKind.Line, l["Month"],
        [.. months.Select(m => MonthLabel(l, m.Month))],
        [
            new ChartSeries(l["Registered"], [.. months.Select(m => (decimal?)m.Figures.Total)], "blue"),
            new ChartSeries(l["Resolved"], [.. months.Select(m => (decimal?)m.Figures.Resolved)], "green"),
            new ChartSeries(l["Open overdue"], [.. months.Select(m => (decimal?)m.Figures.OpenOverdue)], "red"),
        ],
        Definition: l["Each month counts the cases received in it, as they stand today; the months add up to the period's figures."]);

    /// <summary>Resolution, on-time and satisfaction rates per month of receipt, in percent (— where there is nothing to divide).</summary>
    public static Chart MonthlyRates(IStringLocalizer l, IReadOnlyList<MonthFigures> months) => new(
        "chart-rates", l["Rates by month of receipt"], ChartKind.Line, l["Month"],
        [.. months.Select(m => MonthLabel(l, m.Month))],
        [
            new ChartSeries(l["Resolution rate"], [.. months.Select(m => Percent(m.Figures.ResolutionRate))]),
            new ChartSeries(l["On-time rate"], [.. months.Select(m => Percent(m.Figures.OnTimeRate))]),
            new ChartSeries(l["Satisfaction"], [.. months.Select(m => Percent(m.Figures.SatisfactionRate))]),
        ],
        Unit: "%",
        Definition: l["The rates of the cases received in each month, defined as above."]);

    /// <summary>Cases by top-level category (horizontal bars: long names).</summary>
    public static Chart ByCategory(IStringLocalizer l, IReadOnlyList<CaseCount> rows) =>
        Counts("chart-category", l["By category"], l["Category"], l["Cases"], rows, r => r.Name, ChartKind.HorizontalBar);

    /// <summary>Cases by township (horizontal bars), with the names the page gives the scope's own level and "outside".</summary>
    public static Chart ByTownship(IStringLocalizer l, IReadOnlyList<CaseCount> rows, Func<CaseCount, string> name) =>
        Counts("chart-township", l["By township"], l["Township"], l["Cases"], rows, name, ChartKind.HorizontalBar);

    /// <summary>Cases by channel (a pie: shares of the whole).</summary>
    public static Chart ByChannel(IStringLocalizer l, IReadOnlyList<CaseCount> rows, Func<CaseCount, string> name) =>
        Counts("chart-channel", l["By channel"], l["Channel"], l["Cases"], rows, name, ChartKind.Pie);

    /// <summary>The open cases by colour at each month's end (stacked bars in the four colours).</summary>
    public static Chart ColourMix(IStringLocalizer l, IReadOnlyList<MonthColours> months) => new(
        "chart-colours", l["Colour mix at each month's end"], ChartKind.StackedBar, l["Month"],
        [.. months.Select(m => MonthLabel(l, m.Month))],
        [.. BoardQuery.Colours.Select(c => new ChartSeries(l.Label(c), [.. months.Select(m => (decimal?)m.Colours.Of(c))], Token(c)))],
        Definition: l["Open cases by the colour the daily colouring last gave them on or before the month's last day, from the colour changes in the case history; the current month shows the colours as they stand now."]);

    /// <summary>三下降: repeat, level-skipping and collective petitions, this period against the previous one.</summary>
    public static Chart ThreeDeclines(IStringLocalizer l, ThreeDeclines t, string periodLabel, string previousLabel) => new(
        "chart-declines", l["Three declines"], ChartKind.Bar, l["Petitions"],
        [l["Repeat petitions"], l["Level-skipping petitions"], l["Collective petitions"]],
        [
            new ChartSeries(previousLabel, [t.PreviousRepeat, t.PreviousLevelSkipping, t.PreviousCollective]),
            new ChartSeries(periodLabel, [t.Repeat, t.LevelSkipping, t.Collective]),
        ]);

    /// <summary>The board's open cases by colour (a pie in the four colours).</summary>
    public static Chart ColourTotals(IStringLocalizer l, ColourCounts totals) => new(
        "chart-board-colours", l["Open cases by colour"], ChartKind.Pie, l["Colour"],
        [.. BoardQuery.Colours.Select(c => (string)l.Label(c))],
        [new ChartSeries(l["Open cases"], [.. BoardQuery.Colours.Select(c => (decimal?)totals.Of(c))])],
        CategoryColours: [.. BoardQuery.Colours.Select(Token)]);

    /// <summary>The board's handling units with the most red, then yellow cases (at most 10), their open cases stacked by colour.</summary>
    public static Chart UnitColours(IStringLocalizer l, IReadOnlyList<BoardUnitRow> rows)
    {
        var shown = rows.Where(r => r.UnitId is not null).Take(UnitBars).ToList();
        return new Chart(
            "chart-board-units", l["Units with the most red and yellow cases"], ChartKind.StackedHorizontalBar, l["Handling unit"],
            [.. shown.Select(r => r.Unit)],
            [.. BoardQuery.Colours.Select(c => new ChartSeries(l.Label(c), [.. shown.Select(r => (decimal?)r.Counts.Of(c))], Token(c)))]);
    }

    /// <summary>The chart script's colour token of a supervision colour (site.css --chart-red …).</summary>
    public static string Token(SupervisionColour colour) => colour.ToString().ToLowerInvariant();

    private static Chart Counts(string id, string title, string categoryTitle, string seriesName, IReadOnlyList<CaseCount> rows,
        Func<CaseCount, string> name, ChartKind kind) => new(
        id, title, kind, categoryTitle,
        [.. rows.Select(name)],
        [new ChartSeries(seriesName, [.. rows.Select(r => (decimal?)r.Count)])]);

    /// <summary>A rate as the chart shows it: percent, one decimal (as <see cref="CaseRates.Percent"/> rounds), or none.</summary>
    private static decimal? Percent(double? rate) =>
        rate is { } r ? Math.Round((decimal)r * 100, 1, MidpointRounding.AwayFromZero) : null;
}
