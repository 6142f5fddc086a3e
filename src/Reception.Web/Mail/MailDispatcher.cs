using Reception.Core.Mail;

namespace Reception.Web.Mail;

/// <summary>What one <see cref="MailDispatcher.DispatchAsync"/> did.</summary>
public sealed record DispatchResult(int Claimed, int Sent, int Failed, int DeadLettered, int LostLease)
{
    public static readonly DispatchResult None = new(0, 0, 0, 0, 0);

    public DispatchResult Add(DispatchResult other) =>
        new(Claimed + other.Claimed, Sent + other.Sent, Failed + other.Failed, DeadLettered + other.DeadLettered, LostLease + other.LostLease);
}

/// <summary>
/// Sends the outbox — emails through the <see cref="IMailSender"/>, group-robot messages through the <see cref="RobotSender"/>,
/// with the same claims, retries and dead letters. Scoped: the MailDispatch job creates a DI scope per run and calls
/// <see cref="DispatchAsync"/>. Several app instances may dispatch from one database at once:
/// <list type="number">
/// <item>A batch of due messages is claimed in one UPDATE that sets Status=Sending, a lease (ClaimedUntilUtc) and a
/// claim token unique to this batch (ClaimedBy). PostgreSQL skips rows another claim holds (FOR UPDATE SKIP LOCKED)
/// and re-checks the condition on rows it waited for; SQLite runs one writer at a time. A claim also moves
/// NextAttemptAtUtc to the lease's end, so a message whose dispatcher died is simply due again then.</item>
/// <item>A batch is sent through one <see cref="IMailSession"/>: one SMTP connection for the batch, opened by its first
/// message and closed when the batch is done (<see cref="SmtpMailSender"/> says how it reconnects and what counts as permanent).</item>
/// <item>Before each send the lease is checked and renewed in one UPDATE; a message whose lease ran out and was
/// claimed by someone else is left to them.</item>
/// <item>As soon as the server accepts a message it is marked Sent in its own statement (its own transaction).</item>
/// <item>A failure counts an attempt and schedules the next with exponential backoff, or makes a dead letter.</item>
/// </list>
/// What remains: a crash after the server accepted a message and before it was marked Sent (a few milliseconds
/// normally; as long as a slow server takes between storing a message and saying so) sends it again when the lease
/// runs out. SMTP cannot ask whether a message arrived, so the retransmission carries the same Message-ID and
/// X-Reception-Key as the first, and a receiver that drops a message it has already seen (as the tests' server does,
/// and as mail stores deduplicating by Message-ID do) delivers it once. CrashSafetyTests kills the app inside that
/// window and checks exactly this.
/// </summary>
public sealed class MailDispatcher(
    AppDbContext db,
    IMailSender sender,
    RobotSender robots,
    IOptions<MailOptions> options,
    TimeProvider clock,
    DispatcherInstance instance,
    ILogger<MailDispatcher> log)
{
    /// <summary>Sends due messages in batches until none is due (or <c>maxBatches</c> batches were claimed).</summary>
    public async Task<DispatchResult> DispatchAsync(CancellationToken ct = default) => await DispatchAsync(100, ct);

    public async Task<DispatchResult> DispatchAsync(int maxBatches, CancellationToken ct = default)
    {
        var total = DispatchResult.None;
        for (var batch = 0; batch < maxBatches; batch++)
        {
            ct.ThrowIfCancellationRequested();
            var token = instance.NewClaimToken();
            var claimed = await ClaimAsync(token, ct);
            if (claimed.Count == 0) break;
            total = total.Add(new DispatchResult(claimed.Count, 0, 0, 0, 0));
            await using var session = sender.OpenSession();
            foreach (var message in claimed) total = total.Add(await SendOneAsync(message, token, session, ct));
        }
        return total;
    }

    /// <summary>An administrator's resend: a dead letter is queued again with fresh attempts. False when it is not a dead letter.</summary>
    public async Task<bool> ResendAsync(int id, CancellationToken ct = default)
    {
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null || !message.Resend(clock.GetUtcNow().UtcDateTime)) return false;
        await db.SaveChangesAsync(ct);
        log.Requeued(id);
        return true;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(1, options.Value.LeaseSeconds));

    private async Task<List<OutboxMessage>> ClaimAsync(string token, CancellationToken ct)
    {
        var now = Now;
        var until = now + Lease;
        var size = Math.Max(1, options.Value.BatchSize);
        const int pending = (int)OutboxStatus.Pending, sending = (int)OutboxStatus.Sending;
        // The outer condition repeats the inner one: PostgreSQL re-evaluates it on a row another claim changed while
        // this one waited, so a row is never claimed twice. Both providers take double-quoted names.
        // On PostgreSQL the batch is picked by an InitPlan (= ANY(ARRAY(…)), evaluated once): as "IN (subquery)" the
        // planner may run the locking subquery again for each row it updates, and since rows this statement has already
        // updated are skipped, every rescan finds the next batch — one claim took all due messages, not BatchSize.
        var npgsql = db.Database.IsNpgsql();
        // Only constants are spliced in; the values are parameters.
        var pick = $$"""
            SELECT "Id" FROM "OutboxMessages"
            WHERE "Status" IN ({{pending}}, {{sending}}) AND "NextAttemptAtUtc" <= {2}
            ORDER BY "NextAttemptAtUtc", "Id"
            LIMIT {{size}}
            {{(npgsql ? "FOR UPDATE SKIP LOCKED" : "")}}
            """;
        var sql = $$"""
            UPDATE "OutboxMessages"
            SET "Status" = {{sending}}, "ClaimedBy" = {0}, "ClaimedUntilUtc" = {1}, "NextAttemptAtUtc" = {1}
            WHERE "Id" {{(npgsql ? $"= ANY(ARRAY({pick}))" : $"IN ({pick})")}}
              AND "Status" IN ({{pending}}, {{sending}}) AND "NextAttemptAtUtc" <= {2}
            """;
        var claimedRows = await db.Database.ExecuteSqlRawAsync(sql, [token, until, now], ct);
        if (claimedRows == 0) return [];
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ClaimedBy == token && m.Status == OutboxStatus.Sending)
            .OrderBy(m => m.Id).ToListAsync(ct);
    }

    private async Task<DispatchResult> SendOneAsync(OutboxMessage message, string token, IMailSession session, CancellationToken ct)
    {
        // Still ours? (An earlier message of the batch may have taken longer than the lease.) Renew for this send.
        var renewedUntil = Now + Lease;
        var stillOurs = await db.OutboxMessages
            .Where(m => m.Id == message.Id && m.ClaimedBy == token && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntilUtc, renewedUntil).SetProperty(m => m.NextAttemptAtUtc, renewedUntil), ct);
        if (stillOurs == 0)
        {
            log.LeaseLost(message.Id);
            return new DispatchResult(0, 0, 0, 0, 1);
        }

        try
        {
            if (message.Channel == OutboxChannel.Email)
            {
                await session.SendAsync(OutgoingMail.From(message), ct);
            }
            else
            {
                // The unit's secret as it is now (a changed secret signs the retries too); never stored in the outbox.
                var secret = await db.UnitRobots.AsNoTracking().Where(r => r.OrgUnitId == message.OrgUnitId).Select(r => r.Secret).FirstOrDefaultAsync(ct);
                await robots.SendAsync(message, secret, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down mid-send: whether the server took it is unknown, so the lease decides (as after a crash).
            throw;
        }
        catch (Exception e)
        {
            return await FailAsync(message, token, e, ct);
        }

        // The server has it: record that at once, whoever holds the lease now.
        var sentAt = Now;
        await db.OutboxMessages.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentAtUtc, sentAt)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
        log.Sent(message.Id, message.Kind);
        return new DispatchResult(0, 1, 0, 0, 0);
    }

    private async Task<DispatchResult> FailAsync(OutboxMessage message, string token, Exception e, CancellationToken ct)
    {
        var policy = options.Value.RetryPolicy();
        var attempts = message.Attempts + 1;
        var error = MailErrors.Describe(e);
        var dead = e is MailRejectedException || policy.GivesUpAfter(attempts);
        var now = Now;
        var next = dead ? now : now + policy.DelayAfter(attempts);
        var status = dead ? OutboxStatus.DeadLetter : OutboxStatus.Pending;
        await db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimedBy == token && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAtUtc, next)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), ct);
        if (dead)
            log.DeadLetter(message.Id, message.Kind, attempts, error);
        else
            log.SendFailed(message.Id, message.Kind, attempts, next, error);
        return dead ? new DispatchResult(0, 0, 1, 1, 0) : new DispatchResult(0, 0, 1, 0, 0);
    }
}

/// <summary>This app instance's name in leases, and a fresh claim token per batch.</summary>
public sealed class DispatcherInstance(IOptions<MailOptions> options)
{
    public string Name { get; } = Trim(options.Value.InstanceName is { Length: > 0 } name ? name : $"{Environment.MachineName}:{Environment.ProcessId}");

    public string NewClaimToken() => $"{Name}/{Guid.NewGuid():N}";

    private static string Trim(string name) => name.Length <= 60 ? name : name[..60];
}
