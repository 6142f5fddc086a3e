namespace Reception.Web.Jobs;

/// <summary>Sends the outbox: every due message, with the dispatcher's retries, backoff and leases (see MailDispatcher).</summary>
public sealed class MailDispatchJob(MailDispatcher dispatcher) : IReceptionJob
{
    public async Task<string?> RunAsync(JobOccurrence occurrence, CancellationToken ct)
    {
        var result = await dispatcher.DispatchAsync(ct);
        return result.Claimed == 0
            ? "Nothing due."
            : $"{result.Sent} sent, {result.Failed} failed, {result.DeadLettered} dead letters.";
    }
}
