using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Web.Localization;

namespace Reception.Web.Pages.Cases;

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
/// Turns a <see cref="CaseEvent"/>'s before/after values (state names, dates, small JSON objects, free text; see
/// <see cref="PetitionCase"/>) into short readable lines for the case page's timeline.
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
        foreach (var e in events)
        {
            users.Add(e.UserId);
            foreach (var json in new[] { Object(e.Before), Object(e.After) })
            {
                if (json is not { } o) continue;
                foreach (var name in new[] { "unitId", "handlingUnitId", "stabilityControlUnitId" })
                    if (Int(o, name) is { } id) units.Add(id);
                if (o.TryGetProperty("coHandlingUnitIds", out var co) && co.ValueKind == JsonValueKind.Array)
                    foreach (var x in co.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Number)) units.Add(x.GetInt32());
                foreach (var name in new[] { "ownerLeaderId", "leaderId" })
                    if (Int(o, name) is { } id) leaders.Add(id);
                if (Str(o, "supervisorUserId") is { } s) users.Add(s);
            }
        }

        return (units, leaders, users);
    }

    /// <summary>What changed, one line per fact. User-entered text is returned as is (the view encodes it).</summary>
    public static IReadOnlyList<string> Describe(CaseEvent e, IStringLocalizer l, TimelineNames names)
    {
        var before = Object(e.Before);
        var after = Object(e.After);
        var lines = new List<string>();
        string Pair(string label, string value) => l["{0}: {1}", label, value];

        switch (e.Kind)
        {
            case CaseEventKind.Registered when after is { } a:
                lines.Add(Pair(l["Number"], Str(a, "number") ?? "—"));
                if (Enum.TryParse<Channel>(Str(a, "channel"), out var channel)) lines.Add(Pair(l["Channel"], l.Label(channel)));
                if (Str(a, "receivedOn") is { } received) lines.Add(Pair(l["Received on"], received));
                if (Int(a, "numberOfPeople") is { } people) lines.Add(Pair(l["Number of people"], people.ToString(CultureInfo.InvariantCulture)));
                if (Str(a, "appealOf") is { } of) lines.Add(Pair(l.Label(Level(Str(a, "appealLevel"))), of));
                break;

            case CaseEventKind.Transferred:
                lines.Add(States(l, Str(before, "state"), Str(after, "state")));
                lines.Add(Pair(l["Transfer to"], names.Unit(Int(after, "unitId"))));
                break;

            case CaseEventKind.ObjectionRecorded:
                lines.Add(Pair(l["Objecting unit"], names.Unit(Int(after, "unitId"))));
                lines.Add(Pair(l["Stated reason"], Str(after, "reason") ?? ""));
                break;

            case CaseEventKind.AcceptanceRefused:
                lines.Add(States(l, e.Before, Str(after, "state")));
                lines.Add(Pair(l["Stated reason"], Str(after, "reason") ?? ""));
                break;

            case CaseEventKind.Assigned or CaseEventKind.Reassigned:
                Assignment(lines, l, names, before, after);
                break;

            case CaseEventKind.ProgressAdded:
                lines.Add(e.After ?? "");
                break;

            case CaseEventKind.InstructionAdded:
                lines.Add(Pair(names.Leader(Int(after, "leaderId")), Str(after, "text") ?? ""));
                break;

            case CaseEventKind.Replied:
                lines.Add(States(l, e.Before, Str(after, "state")));
                lines.Add(Pair(l["Reply date"], Str(after, "date") ?? ""));
                lines.Add(Str(after, "text") ?? "");
                break;

            case CaseEventKind.Evaluated:
                lines.Add(States(l, e.Before, Str(after, "state")));
                if (Enum.TryParse<Evaluation>(Str(after, "evaluation"), out var evaluation)) lines.Add(Pair(l["Evaluation"], l.Label(evaluation)));
                break;

            case CaseEventKind.Resolved:
                lines.Add(Pair(l["Resolved on"], e.After ?? ""));
                break;

            case CaseEventKind.ExtensionRequested:
                lines.Add(Pair(l["Days"], Int(after, "days")?.ToString(CultureInfo.InvariantCulture) ?? ""));
                lines.Add(Pair(l["Stated reason"], Str(after, "reason") ?? ""));
                break;

            case CaseEventKind.ExtensionApproved:
                lines.Add(l["Extended by {0} days.", Int(after, "extensionDays") ?? 0]);
                break;

            case CaseEventKind.ExtensionRefused:
                lines.Add(l["The {0} days asked for were not granted.", Int(before, "requestedDays") ?? 0]);
                break;

            case CaseEventKind.FlagsChanged:
                lines.Add(Flags(l, Str(before, "flags") ?? e.Before) + Arrow + Flags(l, Str(after, "flags") ?? e.After));
                break;

            case CaseEventKind.NumberOfPeopleChanged:
                lines.Add(Pair(l["Number of people"], Int(before, "numberOfPeople") + Arrow + Int(after, "numberOfPeople")));
                break;

            case CaseEventKind.AppealFiled:
                lines.Add(Pair(l.Label(Level(Str(after, "appealLevel"))), Str(after, "appeal") ?? ""));
                break;

            case CaseEventKind.Listed:
                lines.Add(Pair(l["Stated reason"], e.After ?? ""));
                break;

            case CaseEventKind.HearingRecorded:
                lines.Add(l["{0} to {1}", Str(after, "from") ?? "", Str(after, "to") ?? ""]);
                break;

            case CaseEventKind.ColourChanged:
                lines.Add(Colour(l, e.Before) + Arrow + Colour(l, e.After));
                break;

            case CaseEventKind.Escalated:
                lines.Add(e.After == CaseEvent.EscalatedToOffice ? l["Still red: escalated to the supervision office."] : l["Red: the owning leader was alerted."]);
                break;

            case CaseEventKind.ChecklistChanged:
                lines.Add(Pair(Str(after, "item") ?? "", Bool(after, "done") == true ? l["Done"] : l["Not done"]));
                break;

            case CaseEventKind.VisitLinked:
                lines.Add(Pair(Bool(after, "appointment") == true ? l["Appointment visit"] : l["Case carried on a village visit"], Str(after, "date") ?? ""));
                break;

            case CaseEventKind.NoticeIssued or CaseEventKind.NoticeAnswered:
                lines.Add(Pair(l["Unit"], names.Unit(Int(after, "unitId"))));
                if (Str(after, "replyDueOn") is { } due) lines.Add(Pair(l["Reply due"], due));
                if (Str(after, "text") is { } text) lines.Add(text);
                break;

            default:
                // Plain moves (accepted, handling started, closed, terminated) store the state names.
                if (IsState(e.Before) || IsState(e.After)) lines.Add(States(l, e.Before, e.After));
                break;
        }

        return lines.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
    }

    private static void Assignment(List<string> lines, IStringLocalizer l, TimelineNames names, JsonElement? before, JsonElement? after)
    {
        if (after is not { } a) return;
        void Line(string label, Func<JsonElement?, string> value)
        {
            var now = value(a);
            var was = before is null ? null : value(before);
            lines.Add(l["{0}: {1}", label, was is null || was == now ? now : was + Arrow + now]);
        }

        Line(l["Owning leader"], o => names.Leader(Int(o, "ownerLeaderId")));
        Line(l["Handling unit"], o => names.Unit(Int(o, "handlingUnitId")));
        Line(l["Co-handling units"], o => o is { } x && x.TryGetProperty("coHandlingUnitIds", out var co) && co.ValueKind == JsonValueKind.Array && co.GetArrayLength() > 0
            ? string.Join("、", co.EnumerateArray().Select(i => names.Unit(i.GetInt32())))
            : "—");
        Line(l["Stability-control unit"], o => names.Unit(Int(o, "stabilityControlUnitId")));
        Line(l["Supervisor"], o => names.User(Str(o, "supervisorUserId")));
    }

    private static string States(IStringLocalizer l, string? before, string? after) => State(l, before) + Arrow + State(l, after);

    private static string State(IStringLocalizer l, string? name) => Enum.TryParse<CaseState>(name, out var s) ? l.Label(s) : "—";

    private static bool IsState(string? name) => name is not null && Enum.TryParse<CaseState>(name, out _);

    private static string Colour(IStringLocalizer l, string? name) => Enum.TryParse<SupervisionColour>(name, out var c) ? l.Label(c) : "—";

    private static AppealLevel Level(string? name) => Enum.TryParse<AppealLevel>(name, out var level) ? level : AppealLevel.Review;

    private static string Flags(IStringLocalizer l, string? value)
    {
        if (!Enum.TryParse<CaseFlags>(value, out var flags) || flags == CaseFlags.None) return "—";
        return string.Join("、", Enum.GetValues<CaseFlags>().Where(f => f != CaseFlags.None && flags.HasFlag(f)).Select(f => l.Label(f)));
    }

    private static JsonElement? Object(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text[0] != '{') return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Str(JsonElement? o, string name) =>
        o is { } x && x.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static int? Int(JsonElement? o, string name) =>
        o is { } x && x.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static bool? Bool(JsonElement? o, string name) =>
        o is { } x && x.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
}
