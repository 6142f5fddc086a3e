using Reception.Core.Mail;
using Reception.Core.Notifications;

namespace Reception.Web.Mail;

/// <summary>
/// Writes messages into the outbox of the caller's unit of work: the caller's SaveChanges stores them together
/// with the change that caused them, or not at all. Keys already in the database or already added to this
/// DbContext are skipped, so writing one occurrence twice queues one message. Most callers go through the
/// notifier, which renders the texts and mirrors them in the app. When a message may leave is asked of
/// <see cref="IMailSendTimes"/> (<see cref="SendAtAsync"/>): a non-urgent kind written outside working hours waits.
/// </summary>
public sealed class MailOutbox(AppDbContext db, PublicAddress address, TimeProvider clock, IMailSendTimes sendTimes)
{
    /// <summary>
    /// The key of one recipient's copy of an occurrence: "{occurrence}/{user id}". Occurrence keys name the event and
    /// its instance (e.g. "duty-reminder:2026-11-23:duty-15"); keys that would be too long keep a readable start and a digest.
    /// </summary>
    public static string KeyFor(string occurrenceKey, string recipient) => Fit($"{occurrenceKey}/{recipient}");

    /// <summary>
    /// The key of a message written without an occurrence key: kind, recipient, the instant and a digest of the link
    /// and texts. It keeps one message one message (its Message-ID is stable across retries); it does not make a
    /// repeated action idempotent — pass an occurrence key for that.
    /// </summary>
    public static string DefaultKey(string kind, string recipient, string? link, string subject, string body, DateTime nowUtc) =>
        Fit($"{kind}:{nowUtc.ToString("yyyyMMdd'T'HHmmss.fffffff", CultureInfo.InvariantCulture)}:{MimeMail.Hash($"{link}\n{subject}\n{body}")[..16]}/{recipient}");

    /// <summary>A key cut to <see cref="OutboxMessage.KeyMaxLength"/> characters: a readable start and a digest of the whole.</summary>
    internal static string Fit(string key) =>
        key.Length <= OutboxMessage.KeyMaxLength ? key : key[..(OutboxMessage.KeyMaxLength - 33)] + "#" + MimeMail.Hash(key);

    /// <summary>An absolute address for a link inside the app ("/Cases/Details/5"), from <see cref="PublicAddress"/>; other links are dropped.</summary>
    public string? AbsoluteLink(string? link) => address.Absolute(link);

    /// <summary>Which of <paramref name="keys"/> are queued already: stored, or added to this unit of work and not yet saved.</summary>
    public async Task<HashSet<string>> ExistingKeysAsync(IEnumerable<string> keys, CancellationToken ct = default)
    {
        var wanted = keys.Distinct(StringComparer.Ordinal).ToList();
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (wanted.Count == 0) return found;
        foreach (var chunk in wanted.Chunk(500))
            found.UnionWith(await db.OutboxMessages.AsNoTracking().Where(m => chunk.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct));
        found.UnionWith(db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.IdempotencyKey));
        found.IntersectWith(wanted);
        return found;
    }

    /// <summary>Adds a rendered message unless its key is queued already; true when added. The caller saves.</summary>
    public async Task<bool> AddAsync(string key, NotificationKind kind, string? recipientUserId, string address, string culture,
        string subject, string htmlBody, string textBody, string? link, CancellationToken ct = default)
    {
        if ((await ExistingKeysAsync([key], ct)).Count > 0) return false;
        Add(key, kind.Key, recipientUserId, address, culture, subject, htmlBody, textBody, link, await SendAtAsync(kind, ct));
        return true;
    }

    /// <summary>Adds without looking (the caller checked this batch's keys with <see cref="ExistingKeysAsync"/>);
    /// <paramref name="notBeforeUtc"/> comes from <see cref="SendAtAsync"/>.</summary>
    internal void Add(string key, string kind, string? recipientUserId, string address, string culture,
        string subject, string htmlBody, string textBody, string? link, DateTime notBeforeUtc) =>
        db.OutboxMessages.Add(new OutboxMessage(key, kind, recipientUserId, address, culture, subject, htmlBody, textBody, link,
            clock.GetUtcNow().UtcDateTime, notBeforeUtc));

    /// <summary>When a message of this kind written now may be sent (<see cref="IMailSendTimes"/>).</summary>
    public Task<DateTime> SendAtAsync(NotificationKind kind, CancellationToken ct = default) => sendTimes.SendAtAsync(kind, ct);

    /// <summary>
    /// Part of AppDbContext.SaveChanges: the check before adding cannot see another transaction that adds the same key
    /// at the same moment, so the unique index refuses one of them. Then the refused copies (their keys are stored now)
    /// are dropped from the unit of work and the save is repeated, so the caller's own changes are not lost to a
    /// message that is queued anyway. EF rolls back its transaction (or its savepoint inside the caller's) on failure,
    /// and keeps every entry's state, so repeating is safe.
    /// </summary>
    internal static async Task<int> SaveDroppingDuplicatesAsync(DbContext context, Func<Task<int>> save, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await save();
            }
            catch (DbUpdateException e) when (attempt <= 3 && DatabaseErrors.IsUniqueViolation(e))
            {
                if (!await DropStoredDuplicatesAsync(context, ct)) throw;
            }
        }
    }

    private static async Task<bool> DropStoredDuplicatesAsync(DbContext context, CancellationToken ct)
    {
        var dropped = await DropStoredNotificationsAsync(context, ct);
        var added = context.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count == 0) return dropped;
        var keys = added.Select(e => e.Entity.IdempotencyKey).ToList();
        var stored = (await context.Set<OutboxMessage>().AsNoTracking().Where(m => keys.Contains(m.IdempotencyKey))
            .Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in added.Where(e => stored.Contains(e.Entity.IdempotencyKey)))
        {
            entry.State = EntityState.Detached;
            dropped = true;
        }
        return dropped;
    }

    /// <summary>The same for in-app copies of an occurrence (unique per user and occurrence key).</summary>
    private static async Task<bool> DropStoredNotificationsAsync(DbContext context, CancellationToken ct)
    {
        var added = context.ChangeTracker.Entries<Notification>()
            .Where(e => e.State == EntityState.Added && e.Entity.OccurrenceKey != null).ToList();
        if (added.Count == 0) return false;
        var dropped = false;
        foreach (var group in added.GroupBy(e => e.Entity.OccurrenceKey!))
        {
            var users = group.Select(e => e.Entity.UserId).ToList();
            var stored = (await context.Set<Notification>().AsNoTracking().Where(n => n.OccurrenceKey == group.Key && users.Contains(n.UserId))
                .Select(n => n.UserId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            foreach (var entry in group.Where(e => stored.Contains(e.Entity.UserId)))
            {
                entry.State = EntityState.Detached;
                dropped = true;
            }
        }
        return dropped;
    }
}
