using Reception.Core.Notifications;
using Reception.Web.Features.Calendar;

namespace Reception.Web.Features.Notifications;

/// <summary>
/// The daily digest (issue 15, item 11; daily at 08:30 China time): on a working day — the holiday calendar decides, so a
/// 调休 Saturday counts and a holiday Monday does not — each person with waiting <see cref="DigestItem"/>s gets one email
/// gathering them, in their language, and the items are marked with that email's key in the same transaction. Nobody
/// is mailed when nothing waits; on a day off nothing is sent and the items wait for the next working morning.
/// <para>
/// Exactly once: the JobRuns ledger runs each morning's occurrence once; the email's key is "digest:{date}/{user}", so
/// a second run on the same day (a manual one, a catch-up) queues nothing for someone who already had today's digest —
/// what arrived since waits for tomorrow's. A run missed while the app was down catches up at start-up (the job is
/// registered to catch up), still on the same working day only.
/// </para>
/// </summary>
public sealed class DailyDigest(AppDbContext db, HolidayCalendarService calendars, TimeProvider clock, MailOutbox outbox,
    IStringLocalizer<SharedResource> l) : IReceptionJob
{
    public const string Name = "DailyDigest";

    /// <summary>The outbox kind of a digest email (not a notification kind: it carries several).</summary>
    public const string OutboxKind = "digest";

    // Texts. {0} = the date, {1} = how many notifications.
    public const string Subject = "Daily digest {0:yyyy-MM-dd}: {1} notifications";
    public const string Intro = "The notifications since your last digest that you chose to receive by email once a day:";

    async Task<string?> IReceptionJob.RunAsync(JobOccurrence occurrence, CancellationToken ct) => (await RunAsync(ct)).Summary;

    public async Task<DigestRun> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Reception.Core.Time.ChinaTime.Today(clock);
        var calendar = await calendars.GetAsync(ct);
        var day = calendar.Describe(today);
        if (!day.IsWorkingDay) return new DigestRun(today, WorkingDay: false, 0, 0, 0);

        var waiting = await db.DigestItems.Where(d => d.DigestKey == null && d.CreatedAtUtc <= now)
            .OrderBy(d => d.CreatedAtUtc).ThenBy(d => d.Id).ToListAsync(ct);
        if (waiting.Count == 0) return new DigestRun(today, true, 0, 0, 0);

        var userIds = waiting.Select(d => d.UserId).Distinct().ToList();
        var users = new Dictionary<string, (string? Email, string? Culture, bool Active)>(StringComparer.Ordinal);
        foreach (var chunk in userIds.Chunk(500))
            foreach (var u in await db.Users.AsNoTracking().Where(u => chunk.Contains(u.Id)).Select(u => new { u.Id, u.Email, u.PreferredCulture, u.IsActive }).ToListAsync(ct))
                users[u.Id] = (u.Email, u.PreferredCulture, u.IsActive);
        var occurrence = $"digest:{DateText.Of(today)}";
        var queued = await outbox.ExistingKeysAsync(userIds.Select(id => MailOutbox.KeyFor(occurrence, id)), ct);

        int mails = 0, items = 0, dropped = 0;
        foreach (var group in waiting.GroupBy(d => d.UserId, StringComparer.Ordinal))
        {
            var key = MailOutbox.KeyFor(occurrence, group.Key);
            if (!users.TryGetValue(group.Key, out var user) || !user.Active || string.IsNullOrWhiteSpace(user.Email))
            {
                foreach (var item in group) item.MarkDigested(DigestItem.Dropped, now);
                dropped += group.Count();
                continue;
            }
            if (queued.Contains(key)) continue; // today's digest went out already: these wait for the next one

            var culture = Cultures.Normalize(user.Culture);
            var (subject, html, text) = Render(group.ToList(), today, culture);
            outbox.Add(key, OutboxKind, group.Key, user.Email!, culture, subject, html, text, "/Notifications", now);
            foreach (var item in group) item.MarkDigested(key, now);
            mails++;
            items += group.Count();
        }
        await db.SaveChangesAsync(ct);
        return new DigestRun(today, true, mails, items, dropped);
    }

    private (string Subject, string Html, string Text) Render(List<DigestItem> items, DateOnly today, string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            var subject = l[Subject, today, items.Count].Value;
            var blocks = new List<MailBlock> { new MailParagraph(l[Intro].Value) };
            foreach (var item in items)
            {
                var title = MessageJson.Render(item.TitleMessage, "", l);
                var body = MessageJson.Render(item.BodyMessage, "", l);
                var kind = PreferencesModel.KindLabel(l, item.Kind);
                var link = outbox.AbsoluteLink(item.Link);
                var lines = $"【{kind}】{title}\n{body}" + (link is null ? "" : $"\n{link}");
                blocks.Add(new MailParagraph(lines));
            }
            var (html, text) = MailLayout.Render(l, subject, blocks, outbox.AbsoluteLink("/Notifications"));
            return (subject, html, text);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

/// <summary>What one digest run did.</summary>
public sealed record DigestRun(DateOnly Day, bool WorkingDay, int Emails, int Items, int Dropped)
{
    /// <summary>The one-line summary for the JobRuns ledger, as a key and arguments (shown in the reader's language).</summary>
    public string Summary => MessageJson.Write(WorkingDay
        ? new Message("{0} digest emails queued with {1} notifications ({2} dropped: no email address).", Emails, Items, Dropped)
        : new Message("{0:yyyy-MM-dd} is not a working day: no digest.", Day));
}
