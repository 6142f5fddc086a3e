using Reception.Core.Notifications;

namespace Reception.Web.Features.Notifications;

/// <summary>
/// Adds in-app notifications, and an email copy in the outbox for each recipient with an address, to the current
/// unit of work (the caller's SaveChanges stores them with the change that caused them). Texts are rendered in
/// each recipient's chosen language. Each recipient's preferences for the kind decide which copies they get (read in
/// one query per call; overdue and escalation cannot be turned off), and a non-urgent email written out of hours waits
/// for the next working morning (<see cref="MailOutbox.SendAtAsync"/>); the in-app copy appears at once. A recipient who
/// takes a kind in the daily digest (the default for non-urgent kinds) gets a <see cref="DigestItem"/> instead of an email
/// (<see cref="DailyDigest"/> mails it). Texts are stored as keys and arguments (<see cref="MessageJson"/>) besides their
/// rendering, so the app shows them in whatever language the reader uses.
/// Nobody is mailed about their own action: the signed-in user who caused the notice (none in a job) gets no email
/// and an in-app copy that is already read, kept as a record.
/// </summary>
public sealed class Notifier(AppDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock, MailOutbox outbox,
    Reception.Web.Authorization.CurrentUser me, IOptions<NotificationOptions> options)
{
    /// <summary>Notifies the accounts linked to these leaders.</summary>
    public Task ToLeadersAsync(IEnumerable<int> leaderIds, NotificationKind kind, Message title, Message body, string? link, CancellationToken ct = default) =>
        ToLeadersAsync(leaderIds, new OutgoingNotification(kind, title, body, link), ct);

    /// <summary>Notifies the active users of a role whose scope contains <paramref name="orgPath"/>.</summary>
    public Task ToRoleAsync(string role, string orgPath, NotificationKind kind, Message title, Message body, string? link, CancellationToken ct = default) =>
        ToRoleAsync(role, orgPath, new OutgoingNotification(kind, title, body, link), ct);

    /// <summary>
    /// Notifies the active unit handlers of a unit: those whose department, or else org unit, is <paramref name="unitId"/>
    /// (<see cref="Reception.Web.Authorization.UserScope.HandlerUnitId"/>).
    /// </summary>
    public Task ToUnitHandlersAsync(int unitId, NotificationKind kind, Message title, Message body, string? link, CancellationToken ct = default) =>
        ToUnitHandlersAsync(unitId, new OutgoingNotification(kind, title, body, link), ct);

    public async Task ToLeadersAsync(IEnumerable<int> leaderIds, OutgoingNotification notification, CancellationToken ct = default)
    {
        var ids = leaderIds.Distinct().ToList();
        var users = await db.Users.Where(u => u.LeaderId != null && ids.Contains(u.LeaderId.Value) && u.IsActive)
            .Select(u => new Recipient(u.Id, u.PreferredCulture, u.Email)).ToListAsync(ct);
        await AddAsync(users, notification, ct);
    }

    public async Task ToRoleAsync(string role, string orgPath, OutgoingNotification notification, CancellationToken ct = default)
    {
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(ct);
        var users = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           where ur.RoleId == roleId && u.IsActive
                           select new { Recipient = new Recipient(u.Id, u.PreferredCulture, u.Email), Path = u.OrgUnit!.Path })
            .ToListAsync(ct);
        await AddAsync(users.Where(u => orgPath.StartsWith(u.Path, StringComparison.Ordinal)).Select(u => u.Recipient).ToList(), notification, ct);
    }

    public async Task ToUnitHandlersAsync(int unitId, OutgoingNotification notification, CancellationToken ct = default)
    {
        var roleId = await db.Roles.Where(r => r.Name == Reception.Web.Authorization.Roles.UnitHandler).Select(r => r.Id).SingleAsync(ct);
        var users = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           where ur.RoleId == roleId && u.IsActive && (u.DepartmentId ?? u.OrgUnitId) == unitId
                           select new Recipient(u.Id, u.PreferredCulture, u.Email))
            .ToListAsync(ct);
        await AddAsync(users, notification, ct);
    }

    /// <summary>Notifies these accounts (the active ones).</summary>
    public async Task ToUsersAsync(IEnumerable<string> userIds, OutgoingNotification notification, CancellationToken ct = default)
    {
        var ids = userIds.Distinct().ToList();
        var users = await db.Users.Where(u => ids.Contains(u.Id) && u.IsActive)
            .Select(u => new Recipient(u.Id, u.PreferredCulture, u.Email)).ToListAsync(ct);
        await AddAsync(users, notification, ct);
    }

    private sealed record Recipient(string Id, string? Culture, string? Email);

    private async Task AddAsync(IReadOnlyList<Recipient> recipients, OutgoingNotification notification, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var people = recipients.DistinctBy(r => r.Id).ToList();
        if (people.Count == 0) return;
        var choices = await ChoicesAsync(notification.Kind, people.Select(r => r.Id).ToList(), ct);
        var rendered = people.Select(r => Render(r, notification, now, choices[r.Id])).ToList();
        var queued = await outbox.ExistingKeysAsync(rendered.Select(r => r.Key), ct);
        queued.UnionWith(await DigestKeysAsync(rendered.Select(r => r.Key).ToList(), ct));
        var (titleJson, bodyJson) = (MessageJson.Write(notification.Title), MessageJson.Write(notification.Body));
        var occurrence = notification.OccurrenceKey is { } o ? MailOutbox.Fit(o) : null;
        var shown = occurrence is null ? [] : await ShownAsync(occurrence, people.Select(r => r.Id).ToList(), ct);
        DateTime? sendAt = null;
        var actor = me.UserId;
        foreach (var r in rendered)
        {
            // With an occurrence key, a copy already in the app or queued means this occurrence was recorded before:
            // a job run twice adds nothing (also for someone without an email address). Without one, the key only
            // identifies the message, and the app always shows it.
            var repeated = queued.Contains(r.Key);
            if (occurrence is not null && (repeated || shown.Contains(r.Recipient.Id))) continue;
            var choice = choices[r.Recipient.Id];
            var own = actor is not null && string.Equals(actor, r.Recipient.Id, StringComparison.Ordinal);
            if (choice.InApp)
            {
                var inApp = new Notification(r.Recipient.Id, notification.Kind.Key, r.Title, r.Body, notification.Link, now, occurrence, titleJson, bodyJson);
                if (own) inApp.MarkRead(now);
                db.Notifications.Add(inApp);
            }
            if (choice.Email && choice.Digest && !string.IsNullOrWhiteSpace(r.Recipient.Email) && !repeated && !own)
            {
                db.DigestItems.Add(new DigestItem(r.Key, r.Recipient.Id, notification.Kind.Key, titleJson, bodyJson, notification.Link, now));
            }
            else if (r.Mail is { } mail && !repeated && !own)
            {
                sendAt ??= await outbox.SendAtAsync(notification.Kind, ct);
                outbox.Add(r.Key, notification.Kind.Key, r.Recipient.Id, r.Recipient.Email!, r.Culture, mail.Subject, mail.Html, mail.Text, notification.Link, sendAt.Value);
            }
        }
    }

    /// <summary>Each recipient's choice for this kind, in one query (none for a kind that cannot be turned off).</summary>
    private async Task<Dictionary<string, NotificationChoice>> ChoicesAsync(NotificationKind kind, List<string> userIds, CancellationToken ct)
    {
        var stored = new Dictionary<string, NotificationChoice>(StringComparer.Ordinal);
        if (kind.Optional)
        {
            foreach (var chunk in userIds.Chunk(500))
            {
                foreach (var p in await db.NotificationPreferences.AsNoTracking().Where(p => p.Kind == kind.Key && chunk.Contains(p.UserId))
                             .Select(p => new { p.UserId, p.InApp, p.Email, p.Digest }).ToListAsync(ct))
                    stored[p.UserId] = new NotificationChoice(p.InApp, p.Email, p.Digest);
            }
        }
        var digestByDefault = options.Value.DigestByDefault;
        return userIds.ToDictionary(id => id, id => NotificationChoice.Effective(kind, stored.TryGetValue(id, out var c) ? c : null, digestByDefault),
            StringComparer.Ordinal);
    }

    /// <summary>Which of these keys wait in (or went out with) a digest already: stored, or added to this unit of work.</summary>
    private async Task<HashSet<string>> DigestKeysAsync(List<string> keys, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
            found.UnionWith(await db.DigestItems.AsNoTracking().Where(d => chunk.Contains(d.Key)).Select(d => d.Key).ToListAsync(ct));
        found.UnionWith(db.ChangeTracker.Entries<DigestItem>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Key).Where(keys.Contains));
        return found;
    }

    /// <summary>Which of these users have an in-app copy of the occurrence: stored, or added to this unit of work.</summary>
    private async Task<HashSet<string>> ShownAsync(string occurrence, List<string> userIds, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in userIds.Chunk(500))
            found.UnionWith(await db.Notifications.AsNoTracking().Where(n => n.OccurrenceKey == occurrence && chunk.Contains(n.UserId)).Select(n => n.UserId).ToListAsync(ct));
        found.UnionWith(db.ChangeTracker.Entries<Notification>()
            .Where(e => e.State == EntityState.Added && e.Entity.OccurrenceKey == occurrence).Select(e => e.Entity.UserId));
        return found;
    }

    private sealed record Rendered(Recipient Recipient, string Culture, string Key, string Title, string Body, (string Subject, string Html, string Text)? Mail);

    private Rendered Render(Recipient recipient, OutgoingNotification notification, DateTime now, NotificationChoice choice)
    {
        var culture = Cultures.Normalize(recipient.Culture);
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            var title = notification.Title.Render(l);
            var body = notification.Body.Render(l);
            var key = notification.OccurrenceKey is { } occurrence
                ? MailOutbox.KeyFor(occurrence, recipient.Id)
                : MailOutbox.DefaultKey(notification.Kind.Key, recipient.Id, notification.Link, title, body, now);
            (string, string, string)? mail = null;
            if (choice.Email && !choice.Digest && !string.IsNullOrWhiteSpace(recipient.Email))
            {
                var blocks = new List<MailBlock> { new MailParagraph(body) };
                blocks.AddRange(notification.Details?.Invoke(l) ?? []);
                var (html, text) = MailLayout.Render(l, title, blocks, outbox.AbsoluteLink(notification.Link));
                mail = (title, html, text);
            }
            return new Rendered(recipient, culture, key, title, body, mail);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

/// <summary>
/// What to tell people: a kind (one of <see cref="NotificationKinds"/>), a title and a body (rendered per recipient, in the
/// app and as the email's subject and first paragraph) and a link inside the app.
/// </summary>
public sealed record OutgoingNotification(NotificationKind Kind, Message Title, Message Body, string? Link)
{
    /// <summary>
    /// Names the occurrence this notification reports (e.g. "duty-reminder:2026-11-23:duty-15"); each recipient's copy is keyed
    /// "{occurrence}/{user id}", and writing the same occurrence again adds nothing, in the app or in the outbox.
    /// </summary>
    public string? OccurrenceKey { get; init; }

    /// <summary>More of the email below the body (paragraphs, tables), rendered under the recipient's culture with the given localizer.</summary>
    public Func<IStringLocalizer, IEnumerable<MailBlock>>? Details { get; init; }
}
