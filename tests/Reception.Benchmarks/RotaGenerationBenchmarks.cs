using BenchmarkDotNet.Attributes;
using Reception.Core.Calendar;
using Reception.Core.Rotas;

namespace Reception.Benchmarks;

/// <summary>The whole province's 2026 rotas (<see cref="YearWorkload"/>); target: under 1 s per operation.</summary>
[MemoryDiagnoser]
public class RotaGenerationBenchmarks
{
    private RotaGenerationRequest[] _requests = [];

    [GlobalSetup]
    public void Setup() => _requests = YearWorkload.Build(WorkingDayCalendar.LoadShipped());

    /// <summary>100 units × one request for the whole year.</summary>
    [Benchmark(Baseline = true)]
    public int WholeYearPerUnit()
    {
        var assignments = 0;
        foreach (var request in _requests)
        {
            assignments += RotaGenerator.Generate(request).Assignments.Count;
        }

        return assignments;
    }

    /// <summary>100 units × 12 monthly requests, carrying position and ledger from month to month.</summary>
    [Benchmark]
    public int TwelveMonthsPerUnit()
    {
        var assignments = 0;
        foreach (var request in _requests)
        {
            foreach (var month in YearWorkload.MonthByMonth(request))
            {
                assignments += month.Assignments.Count;
            }
        }

        return assignments;
    }
}
