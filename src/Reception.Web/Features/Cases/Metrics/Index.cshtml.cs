using Reception.Core.Cases;

namespace Reception.Web.Features.Cases.Metrics;

/// <summary>
/// The case metrics for a year or a range of months, over the cases the user may see (a leader: their own): the three
/// rates with their definitions printed, counts by category, township, channel and month, and the "三下降" trends.
/// Every figure is a GROUP BY query (<see cref="CaseMetrics"/>).
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Supervisor + "," + Roles.Leader)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, CaseService cases, CaseMetrics metrics, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "year")] public string? YearText { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? FromText { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? ToText { get; set; }

    public MonthRange Period { get; private set; }
    public MetricsReport Report { get; private set; } = null!;

    /// <summary>The period's figures per month of receipt (the trend and rate charts).</summary>
    public IReadOnlyList<MonthFigures> Months => Report.Months;

    /// <summary>The open cases by colour at each month's end (the colour-mix chart).</summary>
    public IReadOnlyList<MonthColours> Colours { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public bool OwnCasesOnly => me.IsInRole(Roles.Leader);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The period's report and colour mix over the cases the user may see (the page and its CSV).</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        Resolve();
        var scoped = db.Cases.AsNoTracking().VisibleTo(db, me.Scope);
        Report = await metrics.ReportAsync(scoped, Period, me.OrgPath, ct);
        Colours = await metrics.ColourMixAsync(scoped, Period, ct);
    }

    /// <summary>The page's tables as one CSV, section by section.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var f = Report.Figures;
        List<object?[]> lines =
        [
            [l["Case metrics"].Value, PeriodLabel],
            [],
            [l["Figure"].Value, l["Value"].Value],
            [l["Cases received"].Value, f.Total],
            [l["Cases owned"].Value, f.Owned],
            [l["Resolved"].Value, f.Resolved],
            [l["Resolution rate"].Value, CaseRates.Percent(f.ResolutionRate)],
            [l["Closed"].Value, f.Closed],
            [l["Closed on time"].Value, f.ClosedOnTime],
            [l["Open overdue"].Value, f.OpenOverdue],
            [l["On-time rate"].Value, CaseRates.Percent(f.OnTimeRate)],
            [l["Evaluated"].Value, f.Evaluated],
            [l["Satisfied or basically satisfied"].Value, f.Satisfied],
            [l["Satisfaction"].Value, CaseRates.Percent(f.SatisfactionRate)],
        ];
        void Table(string title, IEnumerable<CaseCount> rows)
        {
            lines.Add([]);
            lines.Add([title, l["Cases"].Value]);
            lines.AddRange(rows.Select(r => new object?[] { r.Name, r.Count }));
        }

        Table(l["By category"], Report.ByCategory);
        Table(l["By township"], Report.ByTownship.Select(r => r with { Name = TownshipName(r) }));
        Table(l["By channel"], Report.ByChannel.Select(r => r with { Name = ChannelName(r) }));
        lines.Add([]);
        lines.Add([l["By month"].Value, l["Cases"].Value, l["Repeat petitions"].Value, l["Level-skipping petitions"].Value, l["Collective petitions"].Value]);
        lines.AddRange(Report.ByMonth.Select(m => new object?[] { MonthLabel(m.Month), m.Total, m.Repeat, m.LevelSkipping, m.Collective }));
        // The charts' series: each month's cohort with its rates, and the colour mix at each month's end.
        lines.Add([]);
        lines.Add([l["Month of receipt"].Value, l["Cases received"].Value, l["Resolved"].Value, l["Closed on time"].Value, l["Open overdue"].Value,
            l["Resolution rate"].Value, l["On-time rate"].Value, l["Satisfaction"].Value]);
        lines.AddRange(Months.Select(m => new object?[] { MonthLabel(m.Month), m.Figures.Total, m.Figures.Resolved, m.Figures.ClosedOnTime, m.Figures.OpenOverdue,
            CaseRates.Percent(m.Figures.ResolutionRate), CaseRates.Percent(m.Figures.OnTimeRate), CaseRates.Percent(m.Figures.SatisfactionRate) }));
        lines.Add([]);
        lines.Add([l["Colour mix at each month's end"].Value, .. BoardQuery.Colours.Select(c => (object?)l.Label(c).ToString())]);
        lines.AddRange(Colours.Select(m => (object?[])[MonthLabel(m.Month), .. BoardQuery.Colours.Select(c => (object?)m.Colours.Of(c))]));
        lines.Add([]);
        lines.Add([l["Three declines"].Value, l["This period"].Value, l["Previous period"].Value, l["Trend"].Value]);
        lines.AddRange(Declines().Select(d => new object?[] { d.Name, d.Current, d.Previous, l.Label(d.Trend) }));
        return CaseCsv.File($"case-metrics-{PeriodParam}.csv", lines);
    }

    public string PeriodLabel => Period.IsWholeYear
        ? l["Year {0}", Period.First.Year]
        : l["{0} to {1}", MonthLabel(Period.First), MonthLabel(Period.Last)];

    public string PreviousLabel => Period.Previous.IsWholeYear
        ? l["Year {0}", Period.Previous.First.Year]
        : l["{0} to {1}", MonthLabel(Period.Previous.First), MonthLabel(Period.Previous.Last)];

    /// <summary>The period as the query string writes it ("2026", or "2026-02_2026-04" in the CSV name).</summary>
    public string PeriodParam => Period.IsWholeYear ? Year(Period.First.Year) : DateText.Month(Period.First) + "_" + DateText.Month(Period.Last);

    public Dictionary<string, string> PeriodRoute() => Period.IsWholeYear
        ? new() { ["year"] = Year(Period.First.Year) }
        : new() { ["from"] = DateText.Month(Period.First), ["to"] = DateText.Month(Period.Last) };

    public string MonthLabel(DateOnly month) => CaseCharts.MonthLabel(l, month);

    public string TownshipName(CaseCount row) => row.Key switch
    {
        "" => l["{0} (own level)", row.Name],
        "-" => l["Outside your area"],
        _ => row.Name,
    };

    public string ChannelName(CaseCount row) => Enum.TryParse<Channel>(row.Key, out var channel) ? l.Label(channel) : row.Key;

    public IReadOnlyList<(string Name, int Current, int Previous, TrendDirection Trend)> Declines()
    {
        var t = Report.Trends;
        return
        [
            (l["Repeat petitions"], t.Repeat, t.PreviousRepeat, t.RepeatTrend),
            (l["Level-skipping petitions"], t.LevelSkipping, t.PreviousLevelSkipping, t.LevelSkippingTrend),
            (l["Collective petitions"], t.Collective, t.PreviousCollective, t.CollectiveTrend),
        ];
    }

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    /// <summary>A month range (from/to, yyyy-MM), else a year, else the current year; an unusable choice says so and falls back.</summary>
    private void Resolve()
    {
        var today = cases.Today;
        Years = Enumerable.Range(today.Year - 5, 6).Reverse().ToList();
        Period = MonthRange.Year(today.Year);
        if (!string.IsNullOrWhiteSpace(FromText) || !string.IsNullOrWhiteSpace(ToText))
        {
            var from = DateText.ParseMonth((FromText ?? ToText)?.Trim());
            var to = DateText.ParseMonth((ToText ?? FromText)?.Trim());
            if (from is { } f && to is { } t && MonthRange.Between(f, t) is { } range) Period = range;
            else ModelState.AddModelError("", l["Choose a month range of at most {0} months, the first month not after the last.", MonthRange.MaxMonths]);
        }
        else if (!string.IsNullOrWhiteSpace(YearText))
        {
            if (int.TryParse(YearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100) Period = MonthRange.Year(year);
            else ModelState.AddModelError("", l["\"{0}\" is not a year.", YearText]);
        }
    }
}
