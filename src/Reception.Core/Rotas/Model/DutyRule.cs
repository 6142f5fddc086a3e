using Reception.Core.Common;

namespace Reception.Core.Rotas.Model;

/// <summary>
/// The stored rota rule of an org unit and venue: pattern, sessions and members. <see cref="ToRule"/>
/// turns it into the engine's <see cref="RotaRule"/>.
/// </summary>
public sealed class DutyRule : IVersioned
{
    public const int NameMaxLength = 100;

    private readonly List<DutyRuleSession> sessions = [];
    private readonly List<DutyRuleMember> members = [];

    private DutyRule() { Name = ""; }

    public DutyRule(int orgUnitId, int venueId, string name, RotaPattern pattern)
    {
        OrgUnitId = orgUnitId;
        VenueId = venueId;
        Name = name.Trim();
        Pattern = pattern;
        IsActive = true;
    }

    public int Id { get; private set; }
    public int OrgUnitId { get; private set; }
    public int VenueId { get; private set; }
    public Venue? Venue { get; private set; }
    public string Name { get; private set; }
    public RotaPattern Pattern { get; private set; }

    /// <summary>Monthly pattern: the least number of duties of each member in a month.</summary>
    public int MinimumPerMonth { get; private set; }

    /// <summary>Bit (1 &lt;&lt; DayOfWeek) for each weekday with duty; 0 = every working day, make-up weekend days included.</summary>
    public int WeekdayMask { get; private set; }

    public bool IsActive { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<DutyRuleSession> Sessions => sessions;
    public IReadOnlyList<DutyRuleMember> Members => members;

    public void BumpVersion() => Version++;

    public void Update(string name, int venueId, RotaPattern pattern, int minimumPerMonth, IEnumerable<DayOfWeek>? weekdays, bool isActive)
    {
        Name = name.Trim();
        VenueId = venueId;
        Pattern = pattern;
        MinimumPerMonth = pattern == RotaPattern.Monthly ? minimumPerMonth : 0;
        WeekdayMask = weekdays is null ? 0 : weekdays.Aggregate(0, (mask, d) => mask | (1 << (int)d));
        IsActive = isActive;
    }

    public void SetSessions(IEnumerable<DutySession> list)
    {
        sessions.Clear();
        sessions.AddRange(list.Select((s, i) => new DutyRuleSession(i, s.Name, s.Start, s.End)));
    }

    /// <summary>Members in rotation; for FixedWeekday, each with the weekdays they always take.</summary>
    public void SetMembers(IEnumerable<(int LeaderId, IReadOnlyCollection<DayOfWeek> FixedDays)> list)
    {
        members.Clear();
        members.AddRange(list.Select(m => new DutyRuleMember(m.LeaderId, m.FixedDays.Aggregate(0, (mask, d) => mask | (1 << (int)d)))));
    }

    public IReadOnlySet<DayOfWeek>? Weekdays =>
        WeekdayMask == 0 ? null : Enum.GetValues<DayOfWeek>().Where(d => (WeekdayMask & (1 << (int)d)) != 0).ToHashSet();

    /// <summary>The engine's view; rotation orders come from the leader records.</summary>
    public RotaRule ToRule(IReadOnlyDictionary<int, (int RotationOrder, string Name)> leaders) =>
        new(Pattern,
            sessions.OrderBy(s => s.Index).Select(s => new DutySession(s.Name, s.Start, s.End)).ToList(),
            members.Where(m => leaders.ContainsKey(m.LeaderId))
                .Select(m => new RotaLeader(m.LeaderId, leaders[m.LeaderId].RotationOrder, leaders[m.LeaderId].Name)).ToList())
        {
            FixedDuties = Pattern == RotaPattern.FixedWeekday
                ? members.Where(m => leaders.ContainsKey(m.LeaderId)).SelectMany(m => m.FixedDays.Select(d => new FixedDuty(m.LeaderId, d))).ToList()
                : [],
            MinimumPerMonth = MinimumPerMonth,
            Weekdays = Weekdays,
        };
}

public sealed class DutyRuleSession
{
    public const int NameMaxLength = 20;

    private DutyRuleSession() { Name = ""; }

    internal DutyRuleSession(int index, string name, TimeOnly start, TimeOnly end)
    {
        Index = index;
        Name = name.Trim();
        Start = start;
        End = end;
    }

    public int Id { get; private set; }
    public int DutyRuleId { get; private set; }
    public int Index { get; private set; }
    public string Name { get; private set; }
    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }
}

public sealed class DutyRuleMember
{
    private DutyRuleMember() { }

    internal DutyRuleMember(int leaderId, int fixedWeekdayMask)
    {
        LeaderId = leaderId;
        FixedWeekdayMask = fixedWeekdayMask;
    }

    public int Id { get; private set; }
    public int DutyRuleId { get; private set; }
    public int LeaderId { get; private set; }
    public int FixedWeekdayMask { get; private set; }

    public IEnumerable<DayOfWeek> FixedDays => Enum.GetValues<DayOfWeek>().Where(d => (FixedWeekdayMask & (1 << (int)d)) != 0);
}
