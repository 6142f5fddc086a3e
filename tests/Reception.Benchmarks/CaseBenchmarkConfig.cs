using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Mathematics.OutlierDetection;

namespace Reception.Benchmarks;

/// <summary>
/// One invocation per measured iteration (a request, not an average of many), 30 of them after 3 warm-ups, in process;
/// reports the mean and the 95th percentile of all measurements (no outlier is dropped: a slow request counts).
/// </summary>
public sealed class CaseBenchmarkConfig : ManualConfig
{
    public CaseBenchmarkConfig()
    {
        AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true))
            .WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(3).WithIterationCount(30)
            .WithOutlierMode(OutlierMode.DontRemove).WithId("Casework"));
        AddColumn(StatisticColumn.P95, StatisticColumn.Max);
    }
}
