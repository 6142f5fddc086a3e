using Reception.Core.Reports;
using Reception.Core.Rotas;
using Reception.Web.Features.Rotas.Reports;

namespace Reception.Web.Features.Reports.Assessment;

/// <summary>The assessment's words: criteria names and definitions, periods, scores.</summary>
public static class AssessmentText
{
    public static string Period(IStringLocalizer l, ReportPeriod p) => PeriodChoice.Label(l, p);

    public static string Name(IStringLocalizer l, AssessmentCriterion c) => c switch
    {
        AssessmentCriterion.Duties => l["Duty attendance"],
        AssessmentCriterion.VisitDays => l["Village visit days"],
        AssessmentCriterion.Appointments => l["Appointment visits"],
        AssessmentCriterion.Resolution => l["Resolution rate"],
        AssessmentCriterion.OnTime => l["On-time rate"],
        AssessmentCriterion.Satisfaction => l["Satisfaction"],
        _ => c.ToString(),
    };

    public static string Definition(IStringLocalizer l, AssessmentCriterion c) => c switch
    {
        AssessmentCriterion.Duties => l["Duties recorded as received by the leader ÷ the leader's duties in published rotas up to yesterday (cancelled duties left out). Duties the leader received for others are shown, not scored."],
        AssessmentCriterion.VisitDays => l["Village visit days (distinct days with a planned or done visit) credited up to the monthly quota ÷ the quota, summed over the months in which the quota applied to the leader."],
        AssessmentCriterion.Appointments => l["Appointment visits and cases carried on village visits, credited up to the monthly quota ÷ the quota, summed over the months in which the quota applied."],
        AssessmentCriterion.Resolution => l["Of the cases the leader owns that were received in the period: resolved ÷ owned (the case metrics' definition)."],
        AssessmentCriterion.OnTime => l["Of those cases: closed by the handling deadline ÷ (closed + open and overdue)."],
        AssessmentCriterion.Satisfaction => l["Of those cases: satisfied or basically satisfied ÷ evaluated."],
        _ => "",
    };

    public static string Score(double? score) => score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : Reception.Core.Cases.CaseRates.NoRate;
}
