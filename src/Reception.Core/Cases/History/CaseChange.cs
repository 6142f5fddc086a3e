using System.Text.Json;
using System.Text.Json.Serialization;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Common;

namespace Reception.Core.Cases.History;

/// <summary>
/// What one <see cref="CaseEvent"/> records, typed: one record per kind of event. <see cref="PetitionCase"/> writes events
/// only through these, the timeline reads them only through <see cref="Read"/>, and the seeders and the set-based
/// recolouring write through them too — so renaming a field breaks the build, not the history. The stored form (the
/// event's Before and After text) stays what it has always been: a state, flag, colour or date name, free text, or a
/// small camel-case JSON object; <see cref="Read"/> also reads what older versions wrote.
/// </summary>
public abstract record CaseChange
{
    /// <summary>The kind of event; not part of the stored text (the event's own Kind column holds it).</summary>
    [JsonIgnore]
    public abstract CaseEventKind Kind { get; }

    /// <summary>The event's Before and After text.</summary>
    public abstract (string? Before, string? After) Store();

    /// <summary>A new event of this change (who, when; the case sets itself as its owner when it adds it).</summary>
    public CaseEvent ToEvent(string userId, DateTime atUtc)
    {
        var (before, after) = Store();
        return new CaseEvent(Kind, userId, atUtc, before, after);
    }

    private static CaseChange OrUnreadable(CaseChange? change, CaseEventKind kind) => change ?? new Unreadable(kind);

    /// <summary>The change an event records. An event whose text cannot be read gives <see cref="Unreadable"/>, never an exception.</summary>
    public static CaseChange Read(CaseEvent e)
    {
        try
        {
            return e.Kind switch
            {
                CaseEventKind.Registered => OrUnreadable(Json.Read<Registered>(e.After), e.Kind),
                CaseEventKind.NumberOfPeopleChanged => new NumberOfPeopleChanged(Json.Read<PeopleCount>(e.Before), Json.Read<PeopleCount>(e.After)),
                CaseEventKind.FlagsChanged => new FlagsChanged(FlagState.Parse(e.Before), FlagState.Parse(e.After), e.After?.StartsWith('{') == true),
                CaseEventKind.Accepted or CaseEventKind.HandlingStarted or CaseEventKind.Closed or CaseEventKind.Terminated =>
                    new StateChanged(e.Kind, Names.Parse<CaseState>(e.Before), Names.Parse<CaseState>(e.After)),
                CaseEventKind.AcceptanceRefused => new AcceptanceRefused(Names.Parse<CaseState>(e.Before), Json.Read<Refusal>(e.After)?.Reason ?? ""),
                CaseEventKind.Transferred => new Transferred(Json.Read<Routing>(e.Before), Json.Read<Routing>(e.After)),
                CaseEventKind.ObjectionRecorded => OrUnreadable(Json.Read<ObjectionRecorded>(e.After), e.Kind),
                CaseEventKind.Assigned or CaseEventKind.Reassigned => Assignment.ReadChange(e),
                CaseEventKind.ProgressAdded => new ProgressAdded(e.After ?? ""),
                CaseEventKind.InstructionAdded => OrUnreadable(Json.Read<InstructionAdded>(e.After), e.Kind),
                CaseEventKind.Replied => Json.Read<ReplyText>(e.After) is { } r ? new Replied(Names.Parse<CaseState>(e.Before), r.Date, r.Text) : new Unreadable(e.Kind),
                CaseEventKind.Evaluated => Json.Read<EvaluationText>(e.After) is { } v ? new Evaluated(Names.Parse<CaseState>(e.Before), v.Evaluation, v.Comment) : new Unreadable(e.Kind),
                CaseEventKind.Resolved => DateText.TryParse(e.After, out var on) ? new Resolved(on) : new Unreadable(e.Kind),
                CaseEventKind.ExtensionRequested => OrUnreadable(Json.Read<ExtensionRequested>(e.After), e.Kind),
                CaseEventKind.ExtensionApproved or CaseEventKind.ExtensionRefused =>
                    new ExtensionDecided(e.Kind == CaseEventKind.ExtensionApproved, Json.Read<RequestedDays>(e.Before)?.Days ?? 0, Json.Read<GrantedDays>(e.After)?.Days),
                CaseEventKind.AppealFiled => OrUnreadable(Json.Read<AppealFiled>(e.After), e.Kind),
                CaseEventKind.Listed or CaseEventKind.Unlisted => new ListingChanged(e.Kind == CaseEventKind.Listed, e.After),
                CaseEventKind.HearingRecorded => OrUnreadable(Json.Read<HearingRecorded>(e.After), e.Kind),
                CaseEventKind.ColourChanged => new ColourChanged(Names.Parse<SupervisionColour>(e.Before), Names.Parse<SupervisionColour>(e.After)),
                CaseEventKind.Escalated => new Escalated(e.After == Escalated.OfficeText),
                CaseEventKind.ChecklistChanged => OrUnreadable(Json.Read<ChecklistChanged>(e.After), e.Kind),
                CaseEventKind.VisitLinked => OrUnreadable(Json.Read<VisitLinked>(e.After), e.Kind),
                CaseEventKind.NoticeIssued or CaseEventKind.NoticeAnswered => Json.Read<NoticeText>(e.After) is { } n
                    ? new NoticeRecorded(e.Kind == CaseEventKind.NoticeAnswered, n.UnitId, n.ReplyDueOn, n.Text)
                    : new Unreadable(e.Kind),
                _ => new Unreadable(e.Kind),
            };
        }
        catch (JsonException)
        {
            return new Unreadable(e.Kind);
        }
    }
}

/// <summary>An event whose stored text this version cannot read (shown as its kind only).</summary>
public sealed record Unreadable(CaseEventKind EventKind) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => EventKind;
    public override (string? Before, string? After) Store() => (null, null);
}

/// <summary>登记 (or an appeal registered at the next level: <see cref="AppealOf"/> and <see cref="AppealLevel"/>).</summary>
public sealed record Registered(string Number, Channel Channel, DateOnly ReceivedOn, string? Category = null, int? NumberOfPeople = null,
    CaseFlags? Flags = null, string? AppealOf = null, AppealLevel? AppealLevel = null) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.Registered;
    public override (string? Before, string? After) Store() => (null, Json.Write(this));
}

public sealed record PeopleCount(int NumberOfPeople, CaseFlags Flags);

public sealed record NumberOfPeopleChanged(PeopleCount? Before, PeopleCount? After) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.NumberOfPeopleChanged;
    public override (string? Before, string? After) Store() => (Json.Write(Before), Json.Write(After));
}

/// <summary>The flags, and the earlier case a 重复访 refers to.</summary>
public sealed record FlagState(CaseFlags Flags, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? RepeatOfCaseId = null)
{
    /// <summary>Reads the JSON form, or the bare flag names older events hold.</summary>
    internal static FlagState? Parse(string? text) =>
        text is null ? null
        : text.StartsWith('{') ? Json.Read<FlagState>(text)
        : Names.Parse<CaseFlags>(text) is { } flags ? new FlagState(flags) : null;
}

/// <summary>A flag set or cleared; <paramref name="RepeatLink"/> when 重复访 and its link changed (stored with the link).</summary>
public sealed record FlagsChanged(FlagState? Before, FlagState? After, bool RepeatLink = false) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.FlagsChanged;

    public override (string? Before, string? After) Store() =>
        RepeatLink ? (Json.Write(Before), Json.Write(After)) : (Before?.Flags.ToString(), After?.Flags.ToString());
}

/// <summary>A plain move between states: 受理, 办理中, 办结, 终结.</summary>
public sealed record StateChanged(CaseEventKind EventKind, CaseState? From, CaseState? To) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => EventKind;
    public override (string? Before, string? After) Store() => (From?.ToString(), To?.ToString());
}

internal sealed record Refusal(CaseState State, string Reason);

/// <summary>不予受理, with the reason told to the petitioner.</summary>
public sealed record AcceptanceRefused(CaseState? From, string Reason) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.AcceptanceRefused;
    public override (string? Before, string? After) Store() => (From?.ToString(), Json.Write(new Refusal(CaseState.NotAccepted, Reason)));
}

/// <summary>Where a case stood in routing: its state and the unit it was transferred to.</summary>
public sealed record Routing(CaseState State, int? UnitId);

public sealed record Transferred(Routing? Before, Routing? After) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.Transferred;
    public override (string? Before, string? After) Store() => (Json.Write(Before), Json.Write(After));
}

public sealed record ObjectionRecorded(int? UnitId, string Reason) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.ObjectionRecorded;
    public override (string? Before, string? After) Store() => (null, Json.Write(this));
}

/// <summary>Who owns and handles a case (交办).</summary>
public sealed record Assignment(CaseState State, int? OwnerLeaderId, int? HandlingUnitId, IReadOnlyList<int> CoHandlingUnitIds,
    int? StabilityControlUnitId, string? SupervisorUserId)
{
    internal static CaseChange ReadChange(CaseEvent e)
    {
        var after = Json.Read<Assignment>(e.After);
        if (after is null) return new Unreadable(e.Kind);
        return e.Kind == CaseEventKind.Reassigned
            ? new Reassigned(Json.Read<Assignment>(e.Before), after)
            : new Assigned(Names.Parse<CaseState>(e.Before), after);
    }
}

/// <summary>交办: the first assignment, from Accepted.</summary>
public sealed record Assigned(CaseState? From, Assignment After) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.Assigned;
    public override (string? Before, string? After) Store() => (From?.ToString(), Json.Write(After));
}

/// <summary>A change of owner, units or supervisor after the first assignment.</summary>
public sealed record Reassigned(Assignment? Before, Assignment After) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.Reassigned;
    public override (string? Before, string? After) Store() => (Json.Write(Before), Json.Write(After));
}

public sealed record ProgressAdded(string Text) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.ProgressAdded;
    public override (string? Before, string? After) Store() => (null, Text);
}

public sealed record InstructionAdded(int LeaderId, string Text) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.InstructionAdded;
    public override (string? Before, string? After) Store() => (null, Json.Write(this));
}

internal sealed record ReplyText(CaseState State, DateOnly Date, string Text);

public sealed record Replied(CaseState? From, DateOnly Date, string Text) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.Replied;
    public override (string? Before, string? After) Store() => (From?.ToString(), Json.Write(new ReplyText(CaseState.Replied, Date, Text)));
}

internal sealed record EvaluationText(CaseState State, Evaluation Evaluation, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Comment = null);

public sealed record Evaluated(CaseState? From, Evaluation Evaluation, string? Comment = null) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.Evaluated;
    public override (string? Before, string? After) Store() => (From?.ToString(), Json.Write(new EvaluationText(CaseState.Evaluated, Evaluation, Comment)));
}

/// <summary>化解/息访 on a day.</summary>
public sealed record Resolved(DateOnly On) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.Resolved;
    public override (string? Before, string? After) Store() => (null, DateText.Of(On));
}

public sealed record ExtensionRequested(int Days, string Reason) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.ExtensionRequested;
    public override (string? Before, string? After) Store() => (null, Json.Write(this));
}

internal sealed record RequestedDays([property: JsonPropertyName("requestedDays")] int Days);

internal sealed record GrantedDays([property: JsonPropertyName("extensionDays")] int? Days);

/// <summary>The pending extension approved (the handling clock moves by <see cref="ExtensionDays"/>) or refused.</summary>
public sealed record ExtensionDecided(bool Approved, int RequestedDays, int? ExtensionDays) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => Approved ? CaseEventKind.ExtensionApproved : CaseEventKind.ExtensionRefused;
    public override (string? Before, string? After) Store() => (Json.Write(new RequestedDays(RequestedDays)), Json.Write(new GrantedDays(ExtensionDays)));
}

/// <summary>复查 or 复核 filed: the new case's number and level.</summary>
public sealed record AppealFiled(string Appeal, AppealLevel AppealLevel) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.AppealFiled;
    public override (string? Before, string? After) Store() => (null, Json.Write(this));
}

/// <summary>挂牌督办 on (with the reason) or off.</summary>
public sealed record ListingChanged(bool Listed, string? Reason) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => Listed ? CaseEventKind.Listed : CaseEventKind.Unlisted;
    public override (string? Before, string? After) Store() => (null, Reason);
}

public sealed record HearingRecorded(DateOnly From, DateOnly To) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.HearingRecorded;
    public override (string? Before, string? After) Store() => (null, Json.Write(this));
}

/// <summary>The supervision colour changed (recolouring writes these set-based too: <see cref="Text"/> gives its stored form).</summary>
public sealed record ColourChanged(SupervisionColour? From, SupervisionColour? To) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.ColourChanged;
    public override (string? Before, string? After) Store() => (Text(From), Text(To));

    /// <summary>How a colour is stored in Before and After (queries compare with it).</summary>
    public static string? Text(SupervisionColour? colour) => colour?.ToString();
}

/// <summary>A red case escalated by the deadline scan: to the owning leader, or (still red later) to the supervision office.</summary>
public sealed record Escalated(bool ToOffice) : CaseChange
{
    public const string LeaderText = "leader";
    public const string OfficeText = "office";

    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.Escalated;
    public override (string? Before, string? After) Store() => (null, ToOffice ? OfficeText : LeaderText);
}

public sealed record ChecklistChanged(string Item, bool Done) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.ChecklistChanged;
    public override (string? Before, string? After) Store() => (Json.Write(this with { Done = !Done }), Json.Write(this));
}

/// <summary>The case carried on a village visit (带案下访) or met by appointment (约访).</summary>
public sealed record VisitLinked(int VisitId, DateOnly Date, bool Appointment) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => CaseEventKind.VisitLinked;
    public override (string? Before, string? After) Store() => (null, Json.Write(this));
}

internal sealed record NoticeText(int UnitId, DateOnly ReplyDueOn, string? Text);

/// <summary>A 督办 notice issued to a unit about the case, or answered by it.</summary>
public sealed record NoticeRecorded(bool Answered, int UnitId, DateOnly ReplyDueOn, string? Text) : CaseChange
{
    [JsonIgnore]
    public override CaseEventKind Kind => Answered ? CaseEventKind.NoticeAnswered : CaseEventKind.NoticeIssued;
    public override (string? Before, string? After) Store() => (null, Json.Write(new NoticeText(UnitId, ReplyDueOn, Text)));
}

/// <summary>Enum names as stored (the enum's own name).</summary>
internal static class Names
{
    public static T? Parse<T>(string? text) where T : struct, Enum => Enum.TryParse<T>(text, out var value) ? value : null;
}

/// <summary>The history's JSON: camel case, enums by name, dates as yyyy-MM-dd, written by source-generated code.</summary>
internal static class Json
{
    public static string? Write<T>(T? value) where T : class =>
        value is null ? null : JsonSerializer.Serialize(value, typeof(T), CaseHistoryJson.Default);

    public static T? Read<T>(string? text) where T : class =>
        string.IsNullOrWhiteSpace(text) || text[0] != '{' ? null : (T?)JsonSerializer.Deserialize(text, typeof(T), CaseHistoryJson.Default);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Registered))]
[JsonSerializable(typeof(PeopleCount))]
[JsonSerializable(typeof(FlagState))]
[JsonSerializable(typeof(Refusal))]
[JsonSerializable(typeof(Routing))]
[JsonSerializable(typeof(ObjectionRecorded))]
[JsonSerializable(typeof(Assignment))]
[JsonSerializable(typeof(InstructionAdded))]
[JsonSerializable(typeof(ReplyText))]
[JsonSerializable(typeof(EvaluationText))]
[JsonSerializable(typeof(ExtensionRequested))]
[JsonSerializable(typeof(RequestedDays))]
[JsonSerializable(typeof(GrantedDays))]
[JsonSerializable(typeof(AppealFiled))]
[JsonSerializable(typeof(HearingRecorded))]
[JsonSerializable(typeof(ChecklistChanged))]
[JsonSerializable(typeof(VisitLinked))]
[JsonSerializable(typeof(NoticeText))]
internal sealed partial class CaseHistoryJson : JsonSerializerContext;
