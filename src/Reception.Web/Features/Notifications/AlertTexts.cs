namespace Reception.Web.Features.Notifications;

/// <summary>
/// The resource keys of the business jobs' messages (English text; zh-CN in SharedResource.zh-CN.resx). They are
/// rendered per recipient by the Notifier; AlertTextsTests checks every one has a translation.
/// </summary>
public static class AlertTexts
{
    // Dates and relative days. {0} = DateOnly, {1} = DayOfWeek.
    public const string Date = "{0:MMMM d} ({1})";
    public const string Tomorrow = "Tomorrow";
    public const string DayAfterTomorrow = "The day after tomorrow";
    public const string InDays = "In {0} days";

    // Duty reminder. {0} = relative day, {1} = date, {2} = session, {3}/{4} = start/end, {5} = venue.
    public const string DutyTitle = "Duty reminder: {0}";
    public const string DutyBody = "{0} ({1}), {2} {3}–{4}: you receive visitors at {5}.";

    // Visit reminder. {0} = relative day, {1} = date, {2} = destination, {3} = case numbers.
    public const string VillageVisitTitle = "Village visit reminder: {0}";
    public const string VillageVisitBody = "{0} ({1}): village visit to {2}. The visit page has the purpose and the plan.";
    public const string AppointmentTitle = "Appointment visit reminder: {0}";
    public const string AppointmentBody = "{0} ({1}): appointment visit at {2} on case {3}.";

    // Deadlines. {0} = case number, {1} = category, {2} = due date.
    public const string DueInDaysTitle = "Case {0} is due in {1} days";
    public const string DueTodayTitle = "Case {0} is due today";
    public const string DueBody = "Case {0} ({1}) is due on {2:yyyy-MM-dd}.";
    public const string OverdueTitle = "Case {0} is overdue";
    public const string OverdueBody = "Case {0} ({1}) was due on {2:yyyy-MM-dd} and is overdue.";
    public const string RedTitle = "Case {0} is on red supervision";
    public const string RedBody = "Case {0} ({1}, due {2:yyyy-MM-dd}) has turned red on the supervision board. As its owning leader, please see to it.";
    public const string EscalatedTitle = "Escalated: case {0} is still red";

    /// <summary>{3} = red since (DateOnly), {4} = working days.</summary>
    public const string EscalatedBody = "Case {0} ({1}, due {2:yyyy-MM-dd}) has been red since {3:yyyy-MM-dd}, {4} working days, and is escalated to the supervision office.";

    // Weekly bulletin. {0}/{1} = Monday/Sunday.
    public const string BulletinTitle = "Weekly bulletin {0:yyyy-MM-dd} to {1:yyyy-MM-dd}";

    /// <summary>{0} = scope name, {1} new, {2} resolved, {3} overdue, {4} as-of date.</summary>
    public const string BulletinBody = "{0}: {1} new cases and {2} resolved this week; {3} open cases overdue as of {4:yyyy-MM-dd}.";

    /// <summary>{0} new, {1} resolved, {2} overdue, {3} as-of date.</summary>
    public const string BulletinLeaderBody = "Your cases: {0} new and {1} resolved this week; {2} overdue as of {3:yyyy-MM-dd}.";

    // Monthly visit compliance. {0} = month (DateOnly).
    public const string ComplianceTitle = "Visit compliance {0:yyyy-MM}: {1} leaders behind";

    /// <summary>{0} = month, {1} = as-of date, {2} behind, {3} subject, {4} visit days required, {5} meetings required.</summary>
    public const string ComplianceBody = "So far in {0:yyyy-MM} (to {1:yyyy-MM-dd}), {2} of {3} leaders have not yet met the monthly quota of {4} village visit days and {5} meetings on cases.";
    public const string ComplianceLeaderTitle = "Your visits in {0:yyyy-MM}";

    /// <summary>{0} = month, {1} visit days, {2} required, {3} meetings, {4} required.</summary>
    public const string ComplianceLeaderBody = "So far in {0:yyyy-MM} you have {1} village visit days (required: {2}) and {3} meetings on cases (required: {4}).";

    // Group robots (a unit's work chat): case numbers, dates, units and leaders only.
    /// <summary>{0} = relative day, {1} = date.</summary>
    public const string RobotDutyTitle = "Duty {0}: {1}";

    /// <summary>{0} = rota, {1} = session, {2}/{3} = start/end, {4} = leader, {5} = venue.</summary>
    public const string RobotDutyLine = "{0} · {1} {2}–{3}: {4} at {5}";

    /// <summary>{0} = case number, {1} = due date, {2} = the case's unit, {3} = handling unit.</summary>
    public const string RobotRedLine = "Case {0} turned red on the supervision board: due {1:yyyy-MM-dd}; unit {2}; handled by {3}.";

    public static IReadOnlyList<string> All { get; } = typeof(AlertTexts).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
}
