using System.Text.Json;
using AngleSharp.Dom;

namespace Reception.Web.Tests.UI.Charts;

/// <summary>A chart as the page hands it to the script (<c>figure#id[data-chart]</c>): its categories, its series' values (in order) and colour tokens.</summary>
public sealed record ChartJson(string Kind, IReadOnlyList<string> Categories, IReadOnlyList<decimal?[]> Series, IReadOnlyList<string?> Colours, JsonElement Root)
{
    /// <summary>The chart <paramref name="id"/> of <paramref name="page"/>; fails when it is missing.</summary>
    public static ChartJson Read(IDocument page, string id)
    {
        var figure = page.QuerySelector($"figure.chart#{id}[data-chart]");
        Assert.True(figure is not null, $"no chart #{id} on the page");
        var root = JsonDocument.Parse(figure.GetAttribute("data-chart")!).RootElement;
        return new ChartJson(
            root.GetProperty("kind").GetString()!,
            [.. root.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!)],
            [.. root.GetProperty("series").EnumerateArray()
                .Select(s => s.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (decimal?)null : v.GetDecimal()).ToArray())],
            [.. root.GetProperty("series").EnumerateArray().Select(s => s.TryGetProperty("colour", out var c) ? c.GetString() : null)],
            root);
    }

    /// <summary>The values of the <paramref name="index"/>th series.</summary>
    public decimal?[] this[int index] => Series[index];
}
