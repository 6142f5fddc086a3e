namespace Reception.Web.Jobs;

/// <summary>Sends the outbox: every due message, with the dispatcher's retries, backoff and leases (see MailDispatcher).</summary>
public sealed class MailDispatchJob(MailDispatcher dispatcher) : IReceptionJob
{
    public async Task<string?> RunAsync(JobOccurrence occurrence, CancellationToken ct)
    {
        var result = await dispatcher.DispatchAsync(ct);
        // Stored as a key and arguments: the jobs page shows it in the reader's language.
        return MessageJson.Write(result.Claimed == 0
            ? new Message("Nothing due.")
            : new Message("{0} sent, {1} failed, {2} dead letters.", result.Sent, result.Failed, result.DeadLettered));
    }
}
