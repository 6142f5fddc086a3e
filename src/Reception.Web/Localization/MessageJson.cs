using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reception.Web.Localization;

/// <summary>
/// A <see cref="Message"/> stored as JSON — its resource key and arguments — so a notification is rendered in the language
/// of whoever reads it, when they read it (issue 15, item 15). The arguments keep their kind: text, numbers, dates
/// ({"d":"2026-12-07"}), times ({"t":"08:30"}), weekdays ({"w":1}), nested messages ({"k":…,"a":[…]}) and lists
/// ({"l":[…]}); an enum becomes the message of its label key ("TypeName.Value"), as the localizer renders it.
/// </summary>
public static class MessageJson
{
    public static string Write(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ToNode(message)!.ToJsonString();
    }

    /// <summary>The stored message, or null when <paramref name="json"/> is empty or not one (a row written before keys).</summary>
    public static Message? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonNode.Parse(json) is JsonObject o && FromNode(o) is Message m ? m : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The stored message rendered with <paramref name="l"/> (the current UI culture), else <paramref name="fallback"/>.</summary>
    public static string Render(string? json, string fallback, IStringLocalizer l) => Read(json) is { } m ? m.Render(l) : fallback;

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        Message m => new JsonObject { ["k"] = m.Key, ["a"] = new JsonArray(m.Args.Select(ToNode).ToArray()) },
        MessageList list => new JsonObject { ["l"] = new JsonArray(list.Items.Select(i => ToNode(i)).ToArray()) },
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long n => JsonValue.Create(n),
        short n => JsonValue.Create((int)n),
        decimal n => new JsonObject { ["m"] = n.ToString(CultureInfo.InvariantCulture) },
        double n => new JsonObject { ["m"] = n.ToString("R", CultureInfo.InvariantCulture) },
        DateOnly d => new JsonObject { ["d"] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        TimeOnly t => new JsonObject { ["t"] = t.ToString("HH:mm:ss", CultureInfo.InvariantCulture) },
        DateTime t => new JsonObject { ["dt"] = t.ToString("O", CultureInfo.InvariantCulture) },
        DayOfWeek w => new JsonObject { ["w"] = (int)w },
        Enum e => ToNode(new Message($"{e.GetType().Name}.{e}")),
        IFormattable f => JsonValue.Create(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };

    private static object? FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>();
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return v.GetValue<bool>();
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                return v.TryGetValue<int>(out var i) ? i : v.TryGetValue<long>(out var n) ? n : v.GetValue<double>();
            case JsonObject o when o["k"] is JsonValue key:
                return new Message(key.GetValue<string>(), (o["a"] as JsonArray)?.Select(a => FromNode(a)!).ToArray() ?? []);
            case JsonObject o when o["l"] is JsonArray items:
                return new MessageList(items.Select(FromNode).OfType<Message>().ToList());
            case JsonObject o when o["d"] is JsonValue d:
                return DateOnly.ParseExact(d.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            case JsonObject o when o["t"] is JsonValue t:
                return TimeOnly.ParseExact(t.GetValue<string>(), "HH:mm:ss", CultureInfo.InvariantCulture);
            case JsonObject o when o["dt"] is JsonValue dt:
                return DateTime.Parse(dt.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            case JsonObject o when o["w"] is JsonValue w:
                return (DayOfWeek)w.GetValue<int>();
            case JsonObject o when o["m"] is JsonValue m:
                return decimal.Parse(m.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture);
            default:
                return node.ToJsonString();
        }
    }
}
