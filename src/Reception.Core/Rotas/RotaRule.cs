using System.Globalization;
using Reception.Core.Common;

namespace Reception.Core.Rotas;

/// <summary>How the duties of a rota rule are shared out (DESIGN.md, "Rotas").</summary>
public enum RotaPattern
{
    /// <summary>The eligible leaders in rotation order, one per slot (county 按序坐班).</summary>
    Rotation,

    /// <summary>Named leaders on named weekdays (township main leaders Monday/Friday); the other working days
    /// rotate among the remaining eligible leaders (the deputies).</summary>
    FixedWeekday,

    /// <summary>Rotation, but each eligible leader at least <see cref="RotaRule.MinimumPerMonth"/> duties in every
    /// calendar month that lies entirely inside the generated period.</summary>
    Monthly,
}

/// <summary>A duty session of a working day (上午 08:30–12:00, 下午 14:30–17:30, or one 全天 session).
/// Each (working day, session) is one slot with exactly one leader.</summary>
public sealed record DutySession(string Name, TimeOnly Start, TimeOnly End);

/// <summary>An eligible leader. Leaders rotate in ascending <see cref="RotationOrder"/>, ties by
/// <see cref="LeaderId"/>, whatever the order of the list. <see cref="Name"/> is only used in messages.</summary>
public sealed record RotaLeader(int LeaderId, int RotationOrder, string? Name = null)
{
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? "#" + LeaderId.ToString(CultureInfo.InvariantCulture) : Name.Trim();
}

/// <summary>A leader who takes every session of a weekday (FixedWeekday pattern). When the leader is unavailable on
/// that day, or a make-up working day falls on a weekday without a fixed duty, the deputies' rotation covers it.</summary>
public sealed record FixedDuty(int LeaderId, DayOfWeek Weekday);

/// <summary>
/// A rota rule of an org unit and venue. Build it from the stored rule, e.g.
/// <c>new RotaRule(RotaPattern.FixedWeekday, sessions, leaders) { FixedDuties = fixedDuties }</c>, and show
/// <see cref="Validate"/>'s messages on the form; <see cref="RotaGenerator.Generate"/> refuses an invalid rule.
/// </summary>
public sealed record RotaRule(RotaPattern Pattern, IReadOnlyList<DutySession> Sessions, IReadOnlyList<RotaLeader> Leaders)
{
    private static readonly DayOfWeek[] MondayToFriday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>FixedWeekday only: who takes which weekday. Empty otherwise.</summary>
    public IReadOnlyList<FixedDuty> FixedDuties { get; init; } = [];

    /// <summary>Monthly only: the least number of duties of each eligible leader in a month (≥ 1). Ignored otherwise.</summary>
    public int MinimumPerMonth { get; init; }

    /// <summary>The weekdays with duty; null = every working day, including a make-up Saturday or Sunday (调休上班).</summary>
    public IReadOnlySet<DayOfWeek>? Weekdays { get; init; }

    /// <summary>Every problem with the rule, in form order; empty when the rule can be used.</summary>
    public IReadOnlyList<LocalizableMessage> Validate()
    {
        var messages = new List<LocalizableMessage>();
        void Add(string key, params object[] args) => messages.Add(new LocalizableMessage(key, args));

        if (!Enum.IsDefined(Pattern))
        {
            Add(RotaMessages.UnknownPattern);
        }

        ValidateSessions(Add);

        if (Weekdays is { Count: 0 })
        {
            Add(RotaMessages.NoWeekdays);
        }

        var leaders = Leaders ?? [];
        if (leaders.Count == 0)
        {
            Add(RotaMessages.NoLeaders);
        }

        var eligible = new HashSet<int>();
        foreach (var leader in leaders)
        {
            if (!eligible.Add(leader.LeaderId))
            {
                Add(RotaMessages.DuplicateLeader, leader.DisplayName);
            }
        }

        var fixedDuties = FixedDuties ?? [];
        if (Pattern != RotaPattern.FixedWeekday)
        {
            if (fixedDuties.Count > 0)
            {
                Add(RotaMessages.FixedDutiesNeedFixedWeekdayPattern);
            }
        }
        else
        {
            ValidateFixedDuties(fixedDuties, eligible, Add);
        }

        if (Pattern == RotaPattern.Monthly && MinimumPerMonth < 1)
        {
            Add(RotaMessages.MinimumPerMonthTooLow);
        }

        return messages.AsReadOnly();
    }

    /// <summary>Whether a working day on this weekday has duty under the rule.</summary>
    public bool HasDutyOn(DayOfWeek weekday) => Weekdays is null || Weekdays.Contains(weekday);

    private void ValidateSessions(Action<string, object[]> add)
    {
        var sessions = Sessions ?? [];
        if (sessions.Count == 0)
        {
            add(RotaMessages.NoSessions, []);
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var valid = new List<(DutySession Session, int Index)>();
        for (var i = 0; i < sessions.Count; i++)
        {
            var session = sessions[i];
            var name = session.Name?.Trim() ?? "";
            if (name.Length == 0)
            {
                add(RotaMessages.SessionNameEmpty, [i + 1]);
            }
            else if (!names.Add(name))
            {
                add(RotaMessages.DuplicateSessionName, [name]);
            }

            if (session.End <= session.Start)
            {
                add(RotaMessages.SessionEndsBeforeStart, [SessionLabel(session, i), Time(session.Start), Time(session.End)]);
            }
            else
            {
                valid.Add((session, i));
            }
        }

        for (var i = 0; i < valid.Count; i++)
        {
            for (var j = i + 1; j < valid.Count; j++)
            {
                var (a, b) = (valid[i].Session, valid[j].Session);
                if (a.Start < b.End && b.Start < a.End)
                {
                    add(RotaMessages.SessionsOverlap, [SessionLabel(a, valid[i].Index), SessionLabel(b, valid[j].Index)]);
                }
            }
        }
    }

    private void ValidateFixedDuties(IReadOnlyList<FixedDuty> fixedDuties, HashSet<int> eligible, Action<string, object[]> add)
    {
        if (fixedDuties.Count == 0)
        {
            add(RotaMessages.NoFixedDuties, []);
            return;
        }

        var days = new HashSet<DayOfWeek>();
        var fixedLeaders = new HashSet<int>();
        foreach (var duty in fixedDuties.OrderBy(d => ((int)d.Weekday + 6) % 7).ThenBy(d => d.LeaderId))
        {
            if (!eligible.Contains(duty.LeaderId))
            {
                add(RotaMessages.FixedLeaderNotEligible, [duty.Weekday]);
            }

            if (!days.Add(duty.Weekday))
            {
                add(RotaMessages.DuplicateFixedWeekday, [duty.Weekday]);
            }
            else if (!HasDutyOn(duty.Weekday))
            {
                add(RotaMessages.FixedDayWithoutDuty, [duty.Weekday]);
            }

            fixedLeaders.Add(duty.LeaderId);
        }

        // Make-up weekend days have no fixed leader either, but they are rare; requiring deputies only when an
        // ordinary duty weekday is left over keeps a "main leaders every day" rule valid (those days warn instead).
        var otherDays = (Weekdays ?? (IEnumerable<DayOfWeek>)MondayToFriday).Any(d => !days.Contains(d));
        if (otherDays && eligible.Count > 0 && eligible.All(fixedLeaders.Contains))
        {
            add(RotaMessages.NoLeaderForOtherDays, []);
        }
    }

    internal static string SessionLabel(DutySession session, int index) =>
        string.IsNullOrWhiteSpace(session.Name) ? (index + 1).ToString(CultureInfo.InvariantCulture) : session.Name.Trim();

    private static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
}
