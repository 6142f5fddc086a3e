using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Reception.Benchmarks;
using Reception.Core.Calendar;
using Reception.Core.Rotas;

// dotnet run -c Release --project tests/Reception.Benchmarks                 BenchmarkDotNet, short job (rotas)
// dotnet run -c Release --project tests/Reception.Benchmarks -- --once       one timed pass and a summary (rotas)
// dotnet run -c Release --project tests/Reception.Benchmarks -- cases        casework over 1,000,000 cases (seeded on first run)
// dotnet run -c Release --project tests/Reception.Benchmarks -- cases --explain [NAME…]   each casework query once, with its SQLite plan (PostgreSQL: EXPLAIN (ANALYZE, BUFFERS))
// dotnet run -c Release --project tests/Reception.Benchmarks -- ics         10,000 events: Ical.Net (FeedRenderer) vs npm ical-generator
// dotnet run -c Release --project tests/Reception.Benchmarks -- feed-versions DIR TOKEN [OFFICE_TOKEN]   stored versions vs a fingerprint (serve-bench.sh runs it)
if (args is ["feed-versions", .. var versionArgs])
{
    Environment.ExitCode = await FeedVersionCost.RunAsync(versionArgs);
    return;
}

if (args is ["ics", ..])
{
    Environment.ExitCode = FeedRenderBenchmark.Run(args[1..]);
    return;
}

if (args is ["cases", "--explain", .. var only])
{
    ExplainQueries.Run(only);
    return;
}

if (args is ["cases", .. var rest])
{
    // Reports go to artifacts/benchmarks (git-ignored) at the repository root; the dataset lives beside them.
    // The job (one invocation per iteration) and the P95 column come from the classes' [Config(typeof(CaseBenchmarkConfig))].
    var casesConfig = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(RepositoryRoot(), "artifacts", "benchmarks"));
    BenchmarkSwitcher.FromTypes([typeof(CaseQueryBenchmarks), typeof(RecolourBenchmarks)])
        .Run(rest.Length == 0 ? ["--filter", "*"] : rest, casesConfig);
    return;
}

if (args.Contains("--once"))
{
    var requests = YearWorkload.Build(WorkingDayCalendar.LoadShipped());
    var clock = Stopwatch.StartNew();
    var results = requests.Select(RotaGenerator.Generate).ToArray();
    clock.Stop();
    Console.WriteLine($"{YearWorkload.Units} units × {YearWorkload.LeadersPerUnit} leaders, {YearWorkload.From:yyyy}: {clock.Elapsed.TotalMilliseconds:F0} ms (first run, JIT included)");
    Console.WriteLine($"assignments {results.Sum(r => r.Assignments.Count)}, unavailability entries {requests.Sum(r => r.Unavailability.Count)}");
    foreach (var kind in Enum.GetValues<RotaWarningKind>())
    {
        Console.WriteLine($"warnings {kind}: {results.Sum(r => r.Warnings.Count(w => w.Kind == kind))}");
    }

    return;
}

// In-process: no generated project to build, so central package management and TreatWarningsAsErrors stay out of the way.
// Reports go to artifacts/benchmarks (git-ignored) at the repository root.
var job = Job.Default.WithWarmupCount(1).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance);
var config = DefaultConfig.Instance.AddJob(job).WithArtifactsPath(Path.Combine(RepositoryRoot(), "artifacts", "benchmarks"));
BenchmarkSwitcher.FromTypes([typeof(RotaGenerationBenchmarks)]).Run(args.Length == 0 ? ["--filter", "*"] : args, config);

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Reception.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
