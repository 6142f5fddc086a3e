using Reception.Core.Mail;
using Reception.Core.Notifications;

namespace Reception.Web.Features.Notifications;

/// <summary>
/// Queues a message for org units' group robots (issue 15, item 12): the duty reminders, the weekly bulletin and the
/// red-card alerts of a unit go to the work chat its administrator set (Org/Robot). The message is rendered in Chinese (an
/// office's group) as markdown and written to the outbox of the caller's unit of work, so it is sent — with retries and
/// a dead letter — like mail, and exactly once per key: "{occurrence}/robot-{unit}". Callers pass case numbers, dates,
/// units and leaders' names only: never a petitioner's personal data (the chat is read on phones, by the whole group).
/// </summary>
public sealed class UnitRobots(AppDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock, MailOutbox outbox)
{
    /// <summary>The culture robot messages are written in.</summary>
    public const string Culture = "zh-CN";

    /// <summary>Queues the message for the robot of each of these units that has one; returns how many were queued.</summary>
    public async Task<int> QueueAsync(IEnumerable<int> unitIds, NotificationKind kind, string occurrenceKey, Message title, IReadOnlyList<Message> lines,
        string? link, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var ids = unitIds.Distinct().ToList();
        if (ids.Count == 0) return 0;
        var robots = await db.UnitRobots.AsNoTracking().Where(r => ids.Contains(r.OrgUnitId)).ToListAsync(ct);
        if (robots.Count == 0) return 0;
        var keys = robots.ToDictionary(r => r.OrgUnitId, r => MailOutbox.KeyFor(occurrenceKey, $"robot-{r.OrgUnitId.ToString(CultureInfo.InvariantCulture)}"));
        var queued = await outbox.ExistingKeysAsync(keys.Values, ct);
        var (heading, markdown) = Render(title, lines, link);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var robot in robots.Where(r => !queued.Contains(keys[r.OrgUnitId])))
        {
            var channel = robot.Kind == RobotKind.DingTalk ? OutboxChannel.DingTalk : OutboxChannel.WeCom;
            db.OutboxMessages.Add(OutboxMessage.ForRobot(keys[robot.OrgUnitId], channel, robot.OrgUnitId, robot.Url, kind.Key, heading, markdown, now));
            added++;
        }
        return added;
    }

    /// <summary>"### title", a line per item ("- …"), and the link to the app: the markdown both chat apps read.</summary>
    private (string Title, string Markdown) Render(Message title, IReadOnlyList<Message> lines, string? link)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(Culture);
            var heading = title.Render(l);
            var text = new System.Text.StringBuilder();
            text.Append("### ").Append(Escape(heading)).Append("\n\n");
            foreach (var line in lines) text.Append("- ").Append(Escape(line.Render(l))).Append('\n');
            if (outbox.AbsoluteLink(link) is { } url) text.Append('\n').Append('[').Append(l["Open in the system"].Value).Append("](").Append(url).Append(")\n");
            return (heading, text.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>Texts are ours, but a unit's or a venue's name could hold markdown: its special characters are kept literal.</summary>
    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal)
        .Replace("]", "\\]", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal);
}
