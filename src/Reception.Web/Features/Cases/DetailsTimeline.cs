using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Cases.History;

namespace Reception.Web.Features.Cases;

/// <summary>Names of the units, leaders and users a case's history refers to by id.</summary>
public sealed record TimelineNames(
    IReadOnlyDictionary<int, string> Units,
    IReadOnlyDictionary<int, string> Leaders,
    IReadOnlyDictionary<string, string> Users)
{
    public string Unit(int? id) => id is { } i ? Units.GetValueOrDefault(i) ?? "#" + i.ToString(CultureInfo.InvariantCulture) : "—";

    public string Leader(int? id) => id is { } i ? Leaders.GetValueOrDefault(i) ?? "#" + i.ToString(CultureInfo.InvariantCulture) : "—";

    public string User(string? id) => id is null ? "—" : Users.GetValueOrDefault(id) ?? id;
}

/// <summary>
/// Turns a <see cref="CaseEvent"/>'s typed change (<see cref="CaseChange"/>) into short readable lines for the case
/// page's timeline.
/// </summary>
public static class DetailsTimeline
{
    private const string Arrow = " → ";

    /// <summary>The unit, leader and user ids the events refer to, so their names can be fetched in one query each.</summary>
    public static (HashSet<int> Units, HashSet<int> Leaders, HashSet<string> Users) ReferencedIds(IEnumerable<CaseEvent> events)
    {
        var units = new HashSet<int>();
        var leaders = new HashSet<int>();
        var users = new HashSet<string>();
        void Add(Assignment? a)
        {
            if (a is null) return;
            if (a.OwnerLeaderId is { } leader) leaders.Add(leader);
            foreach (var unit in new[] { a.HandlingUnitId, a.StabilityControlUnitId }.OfType<int>().Concat(a.CoHandlingUnitIds)) units.Add(unit);
            if (a.SupervisorUserId is { } supervisor) users.Add(supervisor);
        }

        foreach (var e in events)
        {
            users.Add(e.UserId);
            switch (e.Change)
            {
                case Transferred t:
                    if (t.Before?.UnitId is { } was) units.Add(was);
                    if (t.After?.UnitId is { } to) units.Add(to);
                    break;
                case ObjectionRecorded { UnitId: { } objecting }:
                    units.Add(objecting);
                    break;
                case NoticeRecorded n:
                    units.Add(n.UnitId);
                    break;
                case Assigned a:
                    Add(a.After);
                    break;
                case Reassigned r:
                    Add(r.Before);
                    Add(r.After);
                    break;
                case InstructionAdded i:
                    leaders.Add(i.LeaderId);
                    break;
            }
        }

        return (units, leaders, users);
    }

    /// <summary>What changed, one line per fact. User-entered text is returned as is (the view encodes it).</summary>
    public static IReadOnlyList<string> Describe(CaseEvent e, IStringLocalizer l, TimelineNames names)
    {
        var lines = new List<string>();
        string Pair(string label, string value) => l["{0}: {1}", label, value];

        switch (e.Change)
        {
            case Registered r:
                lines.Add(Pair(l["Number"], r.Number));
                lines.Add(Pair(l["Channel"], l.Label(r.Channel)));
                lines.Add(Pair(l["Received on"], DateText.Of(r.ReceivedOn)));
                if (r.NumberOfPeople is { } people) lines.Add(Pair(l["Number of people"], people.ToString(CultureInfo.InvariantCulture)));
                if (r.AppealOf is { } of) lines.Add(Pair(l.Label(r.AppealLevel ?? AppealLevel.Review), of));
                break;

            case Transferred t:
                lines.Add(States(l, t.Before?.State, t.After?.State));
                lines.Add(Pair(l["Transfer to"], names.Unit(t.After?.UnitId)));
                break;

            case ObjectionRecorded o:
                lines.Add(Pair(l["Objecting unit"], names.Unit(o.UnitId)));
                lines.Add(Pair(l["Stated reason"], o.Reason));
                break;

            case AcceptanceRefused r:
                lines.Add(States(l, r.From, CaseState.NotAccepted));
                lines.Add(Pair(l["Stated reason"], r.Reason));
                break;

            case Assigned a:
                Assignment(lines, l, names, null, a.After);
                break;

            case Reassigned r:
                Assignment(lines, l, names, r.Before, r.After);
                break;

            case ProgressAdded p:
                lines.Add(p.Text);
                break;

            case InstructionAdded i:
                lines.Add(Pair(names.Leader(i.LeaderId), i.Text));
                break;

            case Replied r:
                lines.Add(States(l, r.From, CaseState.Replied));
                lines.Add(Pair(l["Reply date"], DateText.Of(r.Date)));
                lines.Add(r.Text);
                break;

            case Evaluated v:
                lines.Add(States(l, v.From, CaseState.Evaluated));
                lines.Add(Pair(l["Evaluation"], l.Label(v.Evaluation)));
                if (v.Comment is not null) lines.Add(v.Comment);
                break;

            case Resolved r:
                lines.Add(Pair(l["Resolved on"], DateText.Of(r.On)));
                break;

            case ExtensionRequested x:
                lines.Add(Pair(l["Days"], x.Days.ToString(CultureInfo.InvariantCulture)));
                lines.Add(Pair(l["Stated reason"], x.Reason));
                break;

            case ExtensionDecided { Approved: true } d:
                lines.Add(l["Extended by {0} days.", d.ExtensionDays ?? 0]);
                break;

            case ExtensionDecided d:
                lines.Add(l["The {0} days asked for were not granted.", d.RequestedDays]);
                break;

            case FlagsChanged f:
                lines.Add(Flags(l, f.Before?.Flags) + Arrow + Flags(l, f.After?.Flags));
                break;

            case NumberOfPeopleChanged n:
                lines.Add(Pair(l["Number of people"], n.Before?.NumberOfPeople + Arrow + n.After?.NumberOfPeople));
                break;

            case AppealFiled a:
                lines.Add(Pair(l.Label(a.AppealLevel), a.Appeal));
                break;

            case ListingChanged { Listed: true } listing:
                lines.Add(Pair(l["Stated reason"], listing.Reason ?? ""));
                break;

            case HearingRecorded h:
                lines.Add(l["{0} to {1}", DateText.Of(h.From), DateText.Of(h.To)]);
                break;

            case ColourChanged c:
                lines.Add(Colour(l, c.From) + Arrow + Colour(l, c.To));
                break;

            case Escalated x:
                lines.Add(x.ToOffice ? l["Still red: escalated to the supervision office."] : l["Red: the owning leader was alerted."]);
                break;

            case ChecklistChanged c:
                lines.Add(Pair(c.Item, c.Done ? l["Done"] : l["Not done"]));
                break;

            case VisitLinked v:
                lines.Add(Pair(v.Appointment ? l["Appointment visit"] : l["Case carried on a village visit"], DateText.Of(v.Date)));
                break;

            case NoticeRecorded n:
                lines.Add(Pair(l["Unit"], names.Unit(n.UnitId)));
                lines.Add(Pair(l["Reply due"], DateText.Of(n.ReplyDueOn)));
                if (n.Text is { } text) lines.Add(text);
                break;

            case StateChanged m:
                // Plain moves: accepted, handling started, closed, terminated.
                lines.Add(States(l, m.From, m.To));
                break;
        }

        return lines.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
    }

    private static void Assignment(List<string> lines, IStringLocalizer l, TimelineNames names, Assignment? before, Assignment after)
    {
        void Line(string label, Func<Assignment, string> value)
        {
            var now = value(after);
            var was = before is null ? null : value(before);
            lines.Add(l["{0}: {1}", label, was is null || was == now ? now : was + Arrow + now]);
        }

        Line(l["Owning leader"], a => names.Leader(a.OwnerLeaderId));
        Line(l["Handling unit"], a => names.Unit(a.HandlingUnitId));
        Line(l["Co-handling units"], a => a.CoHandlingUnitIds.Count > 0 ? string.Join("、", a.CoHandlingUnitIds.Select(i => names.Unit(i))) : "—");
        Line(l["Stability-control unit"], a => names.Unit(a.StabilityControlUnitId));
        Line(l["Supervisor"], a => names.User(a.SupervisorUserId));
    }

    private static string States(IStringLocalizer l, CaseState? before, CaseState? after) => State(l, before) + Arrow + State(l, after);

    private static string State(IStringLocalizer l, CaseState? state) => state is { } s ? l.Label(s) : "—";

    private static string Colour(IStringLocalizer l, SupervisionColour? colour) => colour is { } c ? l.Label(c) : "—";

    private static string Flags(IStringLocalizer l, CaseFlags? flags)
    {
        if (flags is not { } f || f == CaseFlags.None) return "—";
        return string.Join("、", Enum.GetValues<CaseFlags>().Where(x => x != CaseFlags.None && f.HasFlag(x)).Select(x => l.Label(x)));
    }
}
