using System.Text;

namespace Reception.Web.UI;

/// <summary>
/// CSV that Excel opens correctly in Chinese: UTF-8 with a byte-order mark (without it Chinese Excel reads
/// GBK and shows mojibake), CRLF line ends, RFC 4180 quoting, and text that would start a formula defused.
/// </summary>
public static class CsvFile
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Bytes(IEnumerable<IEnumerable<object?>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows) text.Append(Line(row));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static FileContentResult Result(string fileName, IEnumerable<IEnumerable<object?>> rows) =>
        new(Bytes(rows), ContentType) { FileDownloadName = fileName };

    /// <summary>One line of the file with its CRLF, for writers that stream the file rather than build it.</summary>
    public static string Line(IEnumerable<object?> row) => string.Join(',', row.Select(Field)) + "\r\n";

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            string s when s.Length > 0 && "=+-@\t\r".Contains(s[0]) => "'" + s, // a leader's name must not run as a formula
            string s => s,
            DateOnly d => DateText.Of(d),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
