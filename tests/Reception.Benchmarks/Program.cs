using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Reception.Benchmarks;
using Reception.Core.Calendar;
using Reception.Core.Rotas;

// dotnet run -c Release --project tests/Reception.Benchmarks                 BenchmarkDotNet, short job
// dotnet run -c Release --project tests/Reception.Benchmarks -- --once       one timed pass and a summary
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
BenchmarkSwitcher.FromAssembly(typeof(RotaGenerationBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);

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
