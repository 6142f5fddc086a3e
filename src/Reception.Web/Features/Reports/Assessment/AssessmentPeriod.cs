using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Rotas;
using Reception.Web.Features.Rotas.Reports;

namespace Reception.Web.Features.Reports.Assessment;

/// <summary>The assessment's period: a quarter or a year (季度/年度考核), by default the last quarter that has ended.</summary>
public static class AssessmentPeriod
{
    public static ReportPeriod LastEndedQuarter(DateOnly today) => ReportPeriod.Containing(PeriodKind.Quarter, today).From.AddDays(-1) is var d
        ? ReportPeriod.Containing(PeriodKind.Quarter, d)
        : default;

    /// <summary>The period asked for, or the default; a text that is not a quarter or year falls back with a message.</summary>
    public static (ReportPeriod Period, IReadOnlyList<SelectListItem> Options) Choose(string? text, DateOnly today, IStringLocalizer l, ModelStateDictionary state)
    {
        var period = LastEndedQuarter(today);
        if (!string.IsNullOrWhiteSpace(text))
        {
            if (ReportPeriod.TryParse(text, out var asked) && asked.Kind != PeriodKind.Month) period = asked;
            else state.AddModelError("", l["Choose a quarter or a year from the list."]);
        }
        var options = PeriodChoice.Options(l, period, today)
            .Where(o => ReportPeriod.TryParse(o.Value, out var p) && p.Kind != PeriodKind.Month)
            .ToList();
        return (period, options);
    }
}
