namespace Reception.Core.Notifications;

/// <summary>How a kind of message is delivered.</summary>
public enum NotificationUrgency
{
    /// <summary>Emailed when the working day allows: outside working hours or on a day off it waits for the next working morning.</summary>
    WorkingHours = 1,

    /// <summary>Emailed at once, whatever the day (a reminder timed for the eve of a duty, an overdue case, an escalation).</summary>
    Immediate = 2,
}

/// <summary>One kind of notification: its key (stored on notifications and outbox messages), whether a user may turn it off,
/// and when its email goes out.</summary>
public sealed record NotificationKind(string Key, bool Optional, NotificationUrgency Urgency);

/// <summary>
/// Every kind of message the application sends (issue 6, "Messages"). Users may turn any kind off except
/// <see cref="Overdue"/> and <see cref="Escalation"/>; the label of a kind is the resource key "NotificationKind.{Key}".
/// </summary>
public static class NotificationKinds
{
    public static readonly NotificationKind DutyReminder = new("duty-reminder", true, NotificationUrgency.Immediate);
    public static readonly NotificationKind VisitReminder = new("visit-reminder", true, NotificationUrgency.Immediate);
    public static readonly NotificationKind DeadlineApproaching = new("deadline-approaching", true, NotificationUrgency.WorkingHours);
    public static readonly NotificationKind Overdue = new("overdue", false, NotificationUrgency.Immediate);
    public static readonly NotificationKind Escalation = new("escalation", false, NotificationUrgency.Immediate);
    public static readonly NotificationKind Swap = new("swap", true, NotificationUrgency.WorkingHours);
    public static readonly NotificationKind RotaChanged = new("rota-changed", true, NotificationUrgency.WorkingHours);
    public static readonly NotificationKind CaseAssigned = new("case", true, NotificationUrgency.WorkingHours);
    public static readonly NotificationKind Instruction = new("instruction", true, NotificationUrgency.WorkingHours);
    public static readonly NotificationKind SupervisionNotice = new("notice", true, NotificationUrgency.WorkingHours);
    public static readonly NotificationKind WeeklyBulletin = new("weekly-bulletin", true, NotificationUrgency.WorkingHours);
    public static readonly NotificationKind MonthlyCompliance = new("monthly-compliance", true, NotificationUrgency.WorkingHours);
    public static readonly NotificationKind PeriodicReport = new("periodic-report", true, NotificationUrgency.WorkingHours);

    public static IReadOnlyList<NotificationKind> All { get; } =
    [
        DutyReminder, VisitReminder, DeadlineApproaching, Overdue, Escalation, Swap, RotaChanged, CaseAssigned, Instruction, SupervisionNotice,
        WeeklyBulletin, MonthlyCompliance, PeriodicReport,
    ];

    /// <summary>The kind with this stored key, or null when no kind has it.</summary>
    public static NotificationKind? Find(string? key) => All.FirstOrDefault(k => string.Equals(k.Key, key, StringComparison.Ordinal));

    /// <summary>The kind with this stored key.</summary>
    /// <exception cref="ArgumentException">No kind has that key (a programming error: kinds are values of this class).</exception>
    public static NotificationKind Of(string key) =>
        Find(key) ?? throw new ArgumentException($"There is no notification kind \"{key}\".", nameof(key));
}
