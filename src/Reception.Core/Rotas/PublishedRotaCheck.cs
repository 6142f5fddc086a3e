using Reception.Core.Calendar;

namespace Reception.Core.Rotas;

/// <summary>What no longer holds in a published rota.</summary>
public enum RotaProblemKind
{
    /// <summary>A duty on a day that is now a day off (the holiday calendar changed after publishing).</summary>
    DutyOnDayOff = 1,

    /// <summary>A working day (of the rule) with a session nobody covers and nobody closed on purpose.</summary>
    WorkingDayWithoutDuty = 2,

    /// <summary>The leader on duty is on leave, travelling, in a meeting or on a visit that day.</summary>
    LeaderAway = 3,
}

/// <summary>One session of a published rota as it stands: who is on duty (null: nobody), or closed on purpose.</summary>
public sealed record RotaSlotState(DateOnly Date, int SessionIndex, int? LeaderId, bool Closed = false);

/// <summary>One thing to repair; <see cref="LeaderId"/> and <see cref="Reason"/> where they apply.</summary>
public sealed record RotaProblem(RotaProblemKind Kind, DateOnly Date, int SessionIndex, int? LeaderId = null, UnavailabilityReason? Reason = null);

/// <summary>
/// Checks a published rota against the calendar and the leaders' absences as they are now. Pure: the caller loads the
/// slots; the repair (regenerating just these slots, so the owed-duty ledger decides) is the caller's too.
/// </summary>
public static class PublishedRotaCheck
{
    /// <param name="from">The first day checked (today: the past is not repaired).</param>
    /// <param name="to">The last day checked, inclusive (the month's last day).</param>
    /// <param name="sessionCount">The rule's sessions per duty day.</param>
    /// <param name="weekdays">The rule's weekdays with duty; null: every working day.</param>
    public static IReadOnlyList<RotaProblem> Find(DateOnly from, DateOnly to, int sessionCount, IReadOnlySet<DayOfWeek>? weekdays,
        WorkingDayCalendar calendar, IReadOnlyList<RotaSlotState> slots, IReadOnlyList<LeaderUnavailability> away)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(away);
        var problems = new List<RotaProblem>();
        var bySlot = slots.Where(s => s.Date >= from && s.Date <= to)
            .GroupBy(s => (s.Date, s.SessionIndex)).ToDictionary(g => g.Key, g => g.First());

        foreach (var slot in bySlot.Values.Where(s => s.LeaderId is not null && !s.Closed))
        {
            if (!calendar.IsWorkingDay(slot.Date))
            {
                problems.Add(new RotaProblem(RotaProblemKind.DutyOnDayOff, slot.Date, slot.SessionIndex, slot.LeaderId));
            }
            else if (away.FirstOrDefault(a => a.LeaderId == slot.LeaderId && a.From <= slot.Date && slot.Date <= a.To) is { } absence)
            {
                problems.Add(new RotaProblem(RotaProblemKind.LeaderAway, slot.Date, slot.SessionIndex, slot.LeaderId, absence.Reason));
            }
        }

        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (!calendar.IsWorkingDay(date) || (weekdays is not null && !weekdays.Contains(date.DayOfWeek))) continue;
            for (var s = 0; s < sessionCount; s++)
            {
                var slot = bySlot.GetValueOrDefault((date, s));
                if (slot is null || (slot.LeaderId is null && !slot.Closed))
                    problems.Add(new RotaProblem(RotaProblemKind.WorkingDayWithoutDuty, date, s));
            }
        }

        return problems.OrderBy(p => p.Date).ThenBy(p => p.SessionIndex).ToList();
    }
}
