using Microsoft.Extensions.Options;

namespace Reception.Web.Mail;

/// <summary>
/// Runs the dispatcher every few seconds (Reception:Mail:DispatchLoop, DispatchIntervalSeconds) so that `dotnet run`
/// delivers the outbox. A stand-in: the scheduler's mail-dispatch job replaces it by calling
/// <see cref="MailDispatcher.DispatchAsync(CancellationToken)"/> in a scope of its own, after which this class and its
/// registration in <see cref="MailSetup"/> go.
/// </summary>
public sealed class MailDispatchLoop(IServiceScopeFactory scopes, IOptions<MailOptions> options, ILogger<MailDispatchLoop> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.2, options.Value.DispatchIntervalSeconds));
        // Real time on purpose: this is how often to look, not a decision the tests' clock should steer.
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<MailDispatcher>().DispatchAsync(stoppingToken);
                if (result.Claimed > 0)
                    log.LogInformation("Mail dispatch: {Sent} sent, {Failed} failed ({Dead} dead letters).", result.Sent, result.Failed, result.DeadLettered);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Mail dispatch failed; trying again in {Interval}.", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
