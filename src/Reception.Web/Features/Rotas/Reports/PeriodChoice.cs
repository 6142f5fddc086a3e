using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Rotas;

namespace Reception.Web.Features.Rotas.Reports;

/// <summary>The period selector of the reports: one list of years, quarters and months ("2026", "2026-Q3", "2026-09").</summary>
public static class PeriodChoice
{
    /// <summary>The period asked for, or (null text) the current one of <paramref name="defaultKind"/>; null when the text is not a period.</summary>
    public static ReportPeriod? Resolve(string? text, PeriodKind defaultKind, DateOnly today) =>
        string.IsNullOrWhiteSpace(text) ? ReportPeriod.Containing(defaultKind, today)
        : ReportPeriod.TryParse(text, out var period) ? period : null;

    /// <summary>
    /// The period the page shows and the selector's options. A text that is not a period falls back
    /// to the current month, with a message in <paramref name="state"/>.
    /// </summary>
    public static (ReportPeriod Period, IReadOnlyList<SelectListItem> Options) Choose(string? text, DateOnly today, IStringLocalizer l, ModelStateDictionary state)
    {
        if (Resolve(text, PeriodKind.Month, today) is not { } period)
        {
            period = ReportPeriod.Containing(PeriodKind.Month, today);
            state.AddModelError("", l["Choose a period from the list."]);
        }
        return (period, Options(l, period, today));
    }

    /// <summary>Two years back to one ahead, each year with its quarters and months, grouped by year.</summary>
    public static IReadOnlyList<SelectListItem> Options(IStringLocalizer l, ReportPeriod selected, DateOnly today)
    {
        var items = new List<SelectListItem>();
        var first = Math.Min(today.Year - 2, selected.Year);
        var last = Math.Max(today.Year + 1, selected.Year);
        for (var year = last; year >= first; year--)
        {
            var group = new SelectListGroup { Name = year.ToString(CultureInfo.InvariantCulture) };
            var periods = new List<ReportPeriod> { ReportPeriod.OfYear(year) };
            periods.AddRange(Enumerable.Range(1, 4).Select(q => ReportPeriod.Quarter(year, q)));
            periods.AddRange(Enumerable.Range(1, 12).Select(m => ReportPeriod.Month(year, m)));
            items.AddRange(periods.Select(p => new SelectListItem(Label(l, p), p.ToString(), p == selected) { Group = group }));
        }
        return items;
    }

    /// <summary>"2026年", "2026年第3季度", "2026年09月".</summary>
    public static string Label(IStringLocalizer l, ReportPeriod p) => p.Kind switch
    {
        PeriodKind.Month => l["{0}-{1}", p.Year, p.Number.ToString("00", CultureInfo.InvariantCulture)],
        PeriodKind.Quarter => l["Quarter {1} of {0}", p.Year, p.Number],
        PeriodKind.HalfYear => p.Number == 1 ? l["First half of {0}", p.Year] : l["Second half of {0}", p.Year],
        _ => l["Year {0}", p.Year],
    };
}
