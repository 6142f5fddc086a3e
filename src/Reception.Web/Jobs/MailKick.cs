using Hangfire;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Reception.Core.Mail;

namespace Reception.Web.Jobs;

/// <summary>
/// The dispatch Hangfire runs right after a change that queued mail has committed, so a message is on its way within
/// seconds instead of at the next MailDispatch sweep. It sends whatever is due, with the dispatcher's leases, so running
/// it twice or beside the sweep is harmless; it is not retried (the sweep every minute is the retry).
/// </summary>
public sealed class MailKick(MailDispatcher dispatcher)
{
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    [JobDisplayName("Mail dispatch (queued mail)")]
    public async Task RunAsync(CancellationToken ct) => await dispatcher.DispatchAsync(ct);
}

/// <summary>
/// Enqueues a <see cref="MailKick"/> after a save that queued mail (a new outbox message, or a dead letter sent again)
/// has committed — after the save itself,
/// or after the explicit transaction around it. Enqueuing may fail (job storage unreachable): the change stands, and the
/// minute sweep sends the message.
/// </summary>
public sealed class OutboxKick(IServiceProvider services, JobCatalog catalog, ILogger<OutboxKick> log)
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _waiting = [];

    internal void Saving(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(Queues))
            _waiting.AddOrUpdate(context, this);
    }

    /// <summary>A new message, or a dead letter an administrator sends again.</summary>
    private static bool Queues(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<OutboxMessage> e) =>
        e.State == EntityState.Added
        || (e.State == EntityState.Modified && e.Property(m => m.Status).OriginalValue == OutboxStatus.DeadLetter && e.Entity.Status == OutboxStatus.Pending);

    internal void Saved(DbContext? context)
    {
        if (context is null || context.Database.CurrentTransaction is not null) return; // wait for the commit
        Committed(context);
    }

    internal void Committed(DbContext? context)
    {
        if (context is null || !_waiting.Remove(context)) return;
        if (catalog.Find("MailDispatch") is not { Enabled: true }) return;
        try
        {
            services.GetRequiredService<IBackgroundJobClient>().Enqueue<MailKick>(k => k.RunAsync(CancellationToken.None));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.MailDispatchNotQueued(e);
        }
    }

    internal void RolledBack(DbContext? context)
    {
        if (context is not null) _waiting.Remove(context);
    }
}

/// <summary>The save half of <see cref="OutboxKick"/>.</summary>
public sealed class OutboxKickSaveInterceptor(OutboxKick kick) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        kick.Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        kick.Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        kick.Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        kick.Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => kick.RolledBack(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        kick.RolledBack(eventData.Context);
        return Task.CompletedTask;
    }
}

/// <summary>The transaction half of <see cref="OutboxKick"/>.</summary>
public sealed class OutboxKickTransactionInterceptor(OutboxKick kick) : DbTransactionInterceptor
{
    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => kick.Committed(eventData.Context);

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        kick.Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => kick.RolledBack(eventData.Context);

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        kick.RolledBack(eventData.Context);
        return Task.CompletedTask;
    }
}
