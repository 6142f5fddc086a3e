using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reception.Web.UI.Charts;

/// <summary>How a chart draws its series.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChartKind>))]
public enum ChartKind
{
    /// <summary>One line per series over the categories (a trend over months).</summary>
    Line,
    /// <summary>Bars side by side per category.</summary>
    Bar,
    /// <summary>Bars stacked per category (a colour mix).</summary>
    StackedBar,
    /// <summary>Horizontal bars (rankings, long names).</summary>
    HorizontalBar,
    /// <summary>One series as shares of a whole.</summary>
    Pie,
    /// <summary>Horizontal bars stacked per category (a colour mix per unit).</summary>
    StackedHorizontalBar,
}

/// <summary>
/// One series of a chart: a value per category (null where there is none, e.g. a rate with nothing to divide).
/// <paramref name="Colour"/> is a token the script maps to the site's palette: "red", "yellow", "blue", "green"
/// (the four-colour rule) or null for the default sequence.
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values, string? Colour = null);

/// <summary>
/// A chart as the server hands it to the page: the partial <c>_Chart</c> renders a <c>figure</c> whose data table is
/// always there (screen readers, copying, print without script) and whose <c>data-chart</c> attribute carries this
/// record as JSON for the vendored ECharts script (wwwroot/js/charts.js; no inline script: CSP). <paramref name="Unit"/> is
/// "%" for rates (values in percent, 0–100). <paramref name="CategoryColours"/> gives a pie's slices their colour tokens
/// (the four-colour rule), one per category, null for the default sequence. <paramref name="TableRef"/> is the id of a
/// table elsewhere on the page that already holds the chart's figures: the partial then links to it instead of repeating it.
/// </summary>
public sealed record Chart(
    string Id,
    string Title,
    ChartKind Kind,
    string CategoryTitle,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series,
    string? Unit = null,
    string? Definition = null,
    IReadOnlyList<string?>? CategoryColours = null,
    string? TableRef = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The <c>HttpContext.Items</c> key the partial sets so the layout adds the chart script to the page.</summary>
    public const string PageHasCharts = "Reception.Charts";

    /// <summary>The JSON the script reads from <c>data-chart</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>A value as the data table writes it (rates with their unit).</summary>
    public string Format(decimal? value) => value is { } v
        ? v.ToString(Unit == "%" ? "0.0" : "0.##", System.Globalization.CultureInfo.InvariantCulture) + Unit
        : "—";
}
