using Reception.Core.Cases;
using Reception.Core.Reports;

namespace Reception.Core.Tests.Reports;

public sealed class LeaderAssessmentTests
{
    private static LeaderAssessmentFigures Figures(int planned = 0, int received = 0, int daysCredited = 0, int daysTarget = 0,
        int meetingsCredited = 0, int meetingsTarget = 0, CaseFigures? cases = null) =>
        new(planned, received, 0, daysCredited, daysCredited, daysTarget, meetingsCredited, meetingsCredited, meetingsTarget, cases ?? CaseFigures.None);

    [Fact]
    public void Score_EveryCriterionMeasured_IsTheWeightedSumOutOf100()
    {
        // duties 2/4, visit days 1/3, appointments 2/3; owned 2, resolved 1; closed 1 on time + 1 overdue; 1 of 1 satisfied.
        var f = Figures(4, 2, 1, 3, 2, 3, new CaseFigures(2, 2, 1, 1, 1, 1, 1, 1));

        var s = LeaderAssessment.Score(f, AssessmentWeights.Default);

        Assert.Equal([10.0, 5.0, 10.0, 10.0, 7.5, 15.0], s.Criteria.Select(c => Math.Round(c.Points!.Value, 6)));
        Assert.Equal(57.5, s.Score);
        Assert.Equal(100, s.MeasuredWeight);
    }

    [Fact]
    public void Score_LeavesOutWhatCouldNotBeMeasured_AndScalesToTheRest()
    {
        // No owned case: judged on reception alone (weights 20 + 15 + 15 = 50): 20 + 15 + 0 = 35 of 50 → 70.
        var s = LeaderAssessment.Score(Figures(1, 1, 1, 1, 0, 1), AssessmentWeights.Default);

        Assert.Equal(70.0, s.Score);
        Assert.Equal(50, s.MeasuredWeight);
        Assert.All(s.Criteria.Where(c => c.Criterion >= AssessmentCriterion.Resolution), c => Assert.Null(c.Points));
    }

    [Fact]
    public void Score_NothingMeasured_IsNoScore_NotZero()
    {
        Assert.Null(LeaderAssessment.Score(Figures(), AssessmentWeights.Default).Score);
    }

    [Fact]
    public void Score_CapsEachRateAt100Percent()
    {
        // Received more than planned (a data oddity) still earns at most the weight.
        var s = LeaderAssessment.Score(Figures(1, 3), new AssessmentWeights(100, 0, 0, 0, 0, 0));

        Assert.Equal(1.0, s.Criteria[0].Rate);
        Assert.Equal(100.0, s.Score);
    }

    [Fact]
    public void Score_UsesTheWeightsGiven()
    {
        var f = Figures(4, 2, 1, 1, cases: new CaseFigures(1, 1, 1, 1, 1, 0, 0, 0));
        // duties .5 × 50 = 25, visit days 1 × 10 = 10, resolution 1 × 20 = 20, on time 1 × 10 = 10 over 90 measured.
        var s = LeaderAssessment.Score(f, new AssessmentWeights(50, 10, 10, 20, 10, 0));

        Assert.Equal(Math.Round(65 * 100.0 / 90, 1), s.Score);
    }

    [Fact]
    public void Rank_IsCompetitionRanking_HighestFirst_UnscoredUnranked()
    {
        Assert.Equal([2, 1, 2, null, 4], LeaderAssessment.Rank([80.0, 90.0, 80.0, null, 10.0]));
    }

    [Theory]
    [InlineData(20, 15, 15, 20, 15, 15, "")]
    [InlineData(20, 15, 15, 20, 15, 14, "sum")]
    [InlineData(101, 0, 0, 0, 0, 0, "Duties")]
    [InlineData(-5, 15, 15, 20, 15, 40, "Duties")]
    public void Validate_EachWeightInRange_AndTheSumIs100(int d, int v, int a, int r, int o, int s, string problem)
    {
        var problems = new AssessmentWeights(d, v, a, r, o, s).Validate();

        if (problem == "") Assert.Empty(problems);
        else if (problem == "sum") Assert.Equal([("", WeightProblem.SumNot100)], problems);
        else Assert.Equal([(problem, WeightProblem.OutOfRange)], problems);
    }

    [Fact]
    public void Defaults_AreValid_AndWeighReceptionAndCaseworkAlike()
    {
        var w = AssessmentWeights.Default;
        Assert.Empty(w.Validate());
        Assert.Equal(w.Duties + w.VisitDays + w.Appointments, w.Resolution + w.OnTime + w.Satisfaction);
    }

    [Fact]
    public void AWeightVersion_RefusesInvalidWeights()
    {
        Assert.Throws<ArgumentException>(() => new AssessmentWeightVersion(1, new DateOnly(2026, 1, 1), new AssessmentWeights(10, 10, 10, 10, 10, 10), "u", DateTime.UnixEpoch));
        Assert.Equal(AssessmentWeights.Default, new AssessmentWeightVersion(1, new DateOnly(2026, 1, 1), AssessmentWeights.Default, "u", DateTime.UnixEpoch).Weights);
    }
}
