using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Jobs;
using Reception.Web.Jobs;

namespace Reception.Web.Tests.Jobs;

/// <summary>
/// A job that throws is retried by Hangfire (Reception:Jobs:RetryAttempts, here with one-second delays) as the same
/// occurrence: the ledger row is taken over, counts its attempts, and ends failed — and Hangfire shows the job failed —
/// when the attempts are used up; a job that succeeds on a retry ends succeeded, its effect done once.
/// </summary>
public sealed class JobRetryTests
{
    [Fact]
    public async Task AJobThatAlwaysThrows_IsRetried_AndShownAsFailed()
    {
        await using var app = App(failures: int.MaxValue);
        var id = app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<JobRunner>(r => r.RunManualAsync(FlakyJob.Name, null!, CancellationToken.None));

        var runs = await app.WaitForRunsAsync(FlakyJob.Name, r => r.Any(x => x.Attempts == 3 && x.Outcome == JobRunOutcome.Failed), TimeSpan.FromSeconds(40));
        var run = Assert.Single(runs);
        Assert.Equal($"{FlakyJob.Name}:manual:{id}", run.OccurrenceKey);
        Assert.Equal((JobRunOutcome.Failed, 3), (run.Outcome, run.Attempts)); // the first run and two retries
        Assert.Contains("InvalidOperationException: the flaky job failed (attempt 3)", run.Error);
        Assert.Equal(3, app.Services.GetRequiredService<FlakyBudget>().Runs);
        await WaitAsync(() => app.JobState(id) == "Failed", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AJobThatSucceedsOnItsRetry_EndsSucceeded_AndRanItsWorkOnceSuccessfully()
    {
        await using var app = App(failures: 1);
        var id = app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<JobRunner>(r => r.RunManualAsync(FlakyJob.Name, null!, CancellationToken.None));

        var runs = await app.WaitForRunsAsync(FlakyJob.Name, r => r.Any(x => x.Outcome == JobRunOutcome.Succeeded), TimeSpan.FromSeconds(30));
        var run = Assert.Single(runs);
        Assert.Equal((JobRunOutcome.Succeeded, 2, "done after 1 failure"), (run.Outcome, run.Attempts, run.Summary));
        await WaitAsync(() => app.JobState(id) == "Succeeded", TimeSpan.FromSeconds(10));
        Assert.Equal(2, app.Services.GetRequiredService<FlakyBudget>().Runs);
    }

    private static ReceptionFactory App(int failures) => ReceptionFactory.Build()
        .RunningScheduler()
        .Seeding(Seed.Empty)
        .At(2026, 11, 23, 10)
        .Settings(JobTestApps.Only(FlakyJob.Name, new()
        {
            ["Reception:Jobs:RetryAttempts"] = "2",
            ["Reception:Jobs:RetryDelaysSeconds:0"] = "1",
            ["Reception:Jobs:RetryDelaysSeconds:1"] = "1",
        }))
        .Services(services =>
        {
            services.AddSingleton(JobDefinition.Of<FlakyJob>(FlakyJob.Name, "0 3 * * *", "A test job that fails as often as it is told to.", urgent: true));
            services.AddScoped<FlakyJob>();
            services.AddSingleton(new FlakyBudget(failures));
        })
        .Create();

    private static async Task WaitAsync(Func<bool> done, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < until, "the condition did not hold in time");
            await Task.Delay(200);
        }
    }
}

/// <summary>How many times <see cref="FlakyJob"/> still fails, and how often it ran.</summary>
public sealed class FlakyBudget(int failures)
{
    private int _runs;

    public int Runs => Volatile.Read(ref _runs);

    /// <summary>Counts a run; true when this run must fail.</summary>
    public bool Fails(out int attempt)
    {
        attempt = Interlocked.Increment(ref _runs);
        return attempt <= failures;
    }
}

public sealed class FlakyJob(FlakyBudget budget) : IReceptionJob
{
    public const string Name = "Flaky";

    public Task<string?> RunAsync(JobOccurrence occurrence, CancellationToken ct) =>
        budget.Fails(out var attempt)
            ? throw new InvalidOperationException($"the flaky job failed (attempt {attempt})")
            : Task.FromResult<string?>($"done after {attempt - 1} failure");
}
