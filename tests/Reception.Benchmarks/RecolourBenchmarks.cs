using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Features.Cases;

namespace Reception.Benchmarks;

/// <summary>
/// <see cref="CaseService.RecolourAllAsync"/> over every open case of the province dataset (about 50,000 of 1,000,000),
/// on a copy of it (on PostgreSQL a copy of the database, <see cref="CaseDataset.CopyPostgresAsync"/>), with the clock one day later at each invocation (as the nightly job sees it: some colours change and
/// are recorded). Target: under 5 s.
/// </summary>
[Config(typeof(CaseBenchmarkConfig))]
public class RecolourBenchmarks
{
    private WebApplication host = null!;
    private readonly DayClock clock = new();
    private AsyncServiceScope scope;

    [GlobalSetup]
    public void Setup()
    {
        CaseDataset.EnsureAsync().GetAwaiter().GetResult();
        host = CaseDataset.Postgres is null
            ? CaseDataset.BuildHost(CaseDataset.CopyTo($"recolour-{CaseDataset.Cases}"), clock)
            : CaseDataset.BuildHost(CaseDataset.Directory, clock, postgres: CaseDataset.CopyPostgresAsync("recolour").GetAwaiter().GetResult());
    }

    [GlobalCleanup]
    public void Cleanup() => host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationSetup]
    public void NextDay()
    {
        clock.Days++;
        scope = host.Services.CreateAsyncScope();
    }

    [IterationCleanup]
    public void EndScope() => scope.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "Recolour every open case (next day)")]
    public Task<int> RecolourAll() => scope.ServiceProvider.GetRequiredService<CaseService>().RecolourAllAsync();

    /// <summary>The system clock moved on by <see cref="Days"/> days.</summary>
    private sealed class DayClock : TimeProvider
    {
        public int Days { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddDays(Days);
    }
}
