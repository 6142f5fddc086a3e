using Reception.Core.Calendar;
using Reception.Core.Mail;
using Reception.Core.Notifications;

namespace Reception.Web.Features.Notifications;

/// <summary>
/// What one run of a business job did: the occurrences it looked at, the in-app notifications and emails it queued
/// (a second run of the same occurrence queues none), and its warnings (an unknown holiday year: the decision then
/// assumed Monday–Friday working days, which the jobs page must show rather than hide).
/// </summary>
public sealed record AlertRun(string Job, int Occurrences, int Notifications, int Emails, IReadOnlyList<LocalizableMessage> Warnings)
{
    public bool HasWarnings => Warnings.Count > 0;

    /// <summary>The one-line summary for the JobRuns ledger, as a key and arguments (<see cref="MessageJson"/>): the jobs page shows it in the reader's language.</summary>
    public string Summary => MessageJson.Write(SummaryMessage);

    /// <summary>"3 occurrences, 3 notifications, 3 emails queued." and each warning.</summary>
    public Message SummaryMessage
    {
        get
        {
            var main = new Message("{0} occurrences, {1} notifications, {2} emails queued.", Occurrences, Notifications, Emails);
            return Warnings.Count == 0 ? main
                : new Message("{0} Warning: {1}", main, new MessageList(Warnings.Select(w => new Message(w.Key, w.Args)).ToList()));
        }
    }
}

/// <summary>Counts what a run adds to the unit of work, and collects its warnings.</summary>
internal sealed class AlertTally(AppDbContext db, string job)
{
    private readonly List<LocalizableMessage> warnings = [];
    private int notifications;
    private int emails;

    public int Occurrences { get; set; }

    /// <summary>Records the warning of an uncertain calendar answer (once per distinct text).</summary>
    public void Warn<T>(CalendarAnswer<T> answer)
    {
        if (answer.Warning is { } w) Warn(w);
    }

    public void Warn(LocalizableMessage warning)
    {
        if (!warnings.Any(x => x.Key == warning.Key && x.Args.SequenceEqual(warning.Args))) warnings.Add(warning);
    }

    /// <summary>Warns about every unknown year between the two dates (inclusive) the decision looked at.</summary>
    public void WarnUnknownYears(WorkingDayCalendar calendar, DateOnly from, DateOnly to)
    {
        foreach (var year in calendar.UnknownYearsBetween(from, to))
            Warn(UnknownYearsWarning.For([year])!);
    }

    /// <summary>Saves the unit of work, counting the notifications and emails it adds.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        var addedNotifications = db.ChangeTracker.Entries<Notification>().Count(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Added);
        var addedEmails = db.ChangeTracker.Entries<OutboxMessage>().Count(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Added);
        await db.SaveChangesAsync(ct);
        notifications += addedNotifications;
        emails += addedEmails;
    }

    public AlertRun Result() => new(job, Occurrences, notifications, emails, warnings.ToList());
}
