using Reception.Core.Cases;

namespace Reception.Core.Reports;

/// <summary>What a leader's assessment (季度/年度考核) weighs, in the order the page lists them.</summary>
public enum AssessmentCriterion
{
    /// <summary>Duties received as planned ÷ duties planned (坐班接访到岗率).</summary>
    Duties,
    /// <summary>Village visit days credited ÷ the quota's visit days (下访).</summary>
    VisitDays,
    /// <summary>Appointment visits credited ÷ the quota's appointments (约访, with cases carried on visits).</summary>
    Appointments,
    /// <summary>The resolution rate of the cases the leader owns (包案化解率).</summary>
    Resolution,
    /// <summary>The on-time rate of those cases (按期办结率).</summary>
    OnTime,
    /// <summary>The satisfaction of those cases (满意率).</summary>
    Satisfaction,
}

/// <summary>
/// The weights of the six criteria, whole points summing to 100. An administrator sets new ones as a new version
/// effective from a day; an assessment uses the version in force on its period's last day, so an old assessment keeps its
/// weights (version 0 is <see cref="Default"/>, in force until the first version is set).
/// </summary>
public sealed record AssessmentWeights(int Duties, int VisitDays, int Appointments, int Resolution, int OnTime, int Satisfaction)
{
    public const int Total = 100;

    /// <summary>
    /// The defaults: the casework half (resolution 20, on time 15, satisfaction 15) and the reception half (duties 20, visit
    /// days 15, appointments 15) weigh the same — the two things DESIGN.md's offices count in a leader's assessment.
    /// </summary>
    public static AssessmentWeights Default { get; } = new(20, 15, 15, 20, 15, 15);

    public int this[AssessmentCriterion criterion] => criterion switch
    {
        AssessmentCriterion.Duties => Duties,
        AssessmentCriterion.VisitDays => VisitDays,
        AssessmentCriterion.Appointments => Appointments,
        AssessmentCriterion.Resolution => Resolution,
        AssessmentCriterion.OnTime => OnTime,
        AssessmentCriterion.Satisfaction => Satisfaction,
        _ => throw new ArgumentOutOfRangeException(nameof(criterion)),
    };

    public int Sum => Duties + VisitDays + Appointments + Resolution + OnTime + Satisfaction;

    /// <summary>The problems of a set of weights: each criterion's (by name) when it is outside 0–100, and the sum's ("") when it is not 100.</summary>
    public IReadOnlyList<(string Field, WeightProblem Problem)> Validate()
    {
        var problems = new List<(string, WeightProblem)>();
        foreach (var c in Enum.GetValues<AssessmentCriterion>())
        {
            if (this[c] is < 0 or > Total) problems.Add((c.ToString(), WeightProblem.OutOfRange));
        }
        if (problems.Count == 0 && Sum != Total) problems.Add(("", WeightProblem.SumNot100));
        return problems;
    }
}

public enum WeightProblem
{
    OutOfRange,
    SumNot100,
}

/// <summary>
/// One leader's figures for a period. Duties: those planned in published rotas up to today (cancelled ones left out);
/// received = those recorded as received by the leader; covered = others' duties the leader received. Visits: per month in
/// which the quota applied, what was credited (at most the quota) and the quota. Cases: the metrics page's figures over the
/// cases the leader owns that were received in the period.
/// </summary>
public sealed record LeaderAssessmentFigures(
    int DutiesPlanned,
    int DutiesReceived,
    int DutiesCovered,
    int VisitDays,
    int VisitDaysCredited,
    int VisitDaysTarget,
    int Appointments,
    int AppointmentsCredited,
    int AppointmentsTarget,
    CaseFigures Cases);

/// <summary>A criterion's rate (null: nothing to measure, left out of the score), weight and points.</summary>
public sealed record CriterionScore(AssessmentCriterion Criterion, double? Rate, int Weight, double? Points);

/// <summary>The score out of 100 (null when nothing could be measured) and how each criterion contributed.</summary>
public sealed record AssessmentScore(double? Score, IReadOnlyList<CriterionScore> Criteria)
{
    /// <summary>The weights of the criteria that were measured (the score is scaled to them).</summary>
    public int MeasuredWeight => Criteria.Where(c => c.Rate is not null).Sum(c => c.Weight);
}

/// <summary>The assessment's arithmetic (plain C#; the page prints these definitions).</summary>
public static class LeaderAssessment
{
    /// <summary>
    /// Each criterion's rate is capped at 100 % (visits beyond the quota earn nothing extra). Points = weight × rate. A
    /// criterion with nothing to measure (no duty planned, no quota month, no owned case closed or overdue, no evaluation)
    /// is left out, and the score is the points over the weights of what was measured, times 100 — a leader who owned no
    /// case is judged on reception alone, not given zero for it. Rounded to one decimal.
    /// </summary>
    public static AssessmentScore Score(LeaderAssessmentFigures f, AssessmentWeights weights)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(weights);
        var rates = new Dictionary<AssessmentCriterion, double?>
        {
            [AssessmentCriterion.Duties] = CaseRates.Rate(f.DutiesReceived, f.DutiesPlanned),
            [AssessmentCriterion.VisitDays] = CaseRates.Rate(f.VisitDaysCredited, f.VisitDaysTarget),
            [AssessmentCriterion.Appointments] = CaseRates.Rate(f.AppointmentsCredited, f.AppointmentsTarget),
            [AssessmentCriterion.Resolution] = f.Cases.ResolutionRate,
            [AssessmentCriterion.OnTime] = f.Cases.OnTimeRate,
            [AssessmentCriterion.Satisfaction] = f.Cases.SatisfactionRate,
        };
        var criteria = rates.Select(r =>
        {
            var rate = r.Value is { } v ? Math.Min(1.0, v) : (double?)null;
            var weight = weights[r.Key];
            return new CriterionScore(r.Key, rate, weight, rate * weight);
        }).ToList();
        var measured = criteria.Where(c => c.Rate is not null).Sum(c => c.Weight);
        double? score = measured == 0 ? null : Math.Round(criteria.Sum(c => c.Points ?? 0) * 100.0 / measured, 1, MidpointRounding.AwayFromZero);
        return new AssessmentScore(score, criteria);
    }

    /// <summary>Competition ranking (1, 2, 2, 4) by score, highest first; leaders without a score are not ranked.</summary>
    public static IReadOnlyList<int?> Rank(IReadOnlyList<double?> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return scores.Select(s => s is { } v ? 1 + scores.Count(o => o > v) : (int?)null).ToList();
    }
}

/// <summary>A stored version of the weights (append-only; version 1 is the first an administrator set).</summary>
public sealed class AssessmentWeightVersion
{
    private AssessmentWeightVersion() { CreatedByUserId = ""; }

    public AssessmentWeightVersion(int version, DateOnly effectiveFrom, AssessmentWeights weights, string createdByUserId, DateTime createdAtUtc)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (weights.Validate().Count > 0) throw new ArgumentException("The weights must each be 0–100 and sum to 100.", nameof(weights));
        Version = version;
        EffectiveFrom = effectiveFrom;
        (Duties, VisitDays, Appointments, Resolution, OnTime, Satisfaction) =
            (weights.Duties, weights.VisitDays, weights.Appointments, weights.Resolution, weights.OnTime, weights.Satisfaction);
        CreatedByUserId = createdByUserId;
        CreatedAtUtc = createdAtUtc;
    }

    public int Version { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public int Duties { get; private set; }
    public int VisitDays { get; private set; }
    public int Appointments { get; private set; }
    public int Resolution { get; private set; }
    public int OnTime { get; private set; }
    public int Satisfaction { get; private set; }
    public string CreatedByUserId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    public AssessmentWeights Weights => new(Duties, VisitDays, Appointments, Resolution, OnTime, Satisfaction);
}
