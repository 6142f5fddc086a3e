using System.Diagnostics;
using System.Text.Json;

namespace Reception.Web.Tests.Features.Cases.Ledger;

/// <summary>A workbook's first sheet as openpyxl (Debian's python3-openpyxl, an independent reader) read it.</summary>
public sealed record XlsxSheet(string Title, string? FreezePanes, IReadOnlyList<string?> Headers, IReadOnlyList<IReadOnlyList<XlsxCell>> Rows,
    IReadOnlyDictionary<string, double> Widths)
{
    public int Column(string header) => Headers.ToList().IndexOf(header) is >= 0 and var i ? i : throw new KeyNotFoundException(header);

    public XlsxCell Cell(int row, string header) => Rows[row][Column(header)];
}

/// <summary>A cell's value as text (dates yyyy-MM-dd), its Python type and whether openpyxl reads it as a date.</summary>
public sealed record XlsxCell(string? Value, string Type, bool IsDate);

public static class XlsxReader
{
    public const string Python = "/usr/bin/python3";

    private const string Script = """
import json, sys, datetime
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
ws = wb.worksheets[0]
def cell(c):
    v = c.value
    t = type(v).__name__
    if isinstance(v, datetime.datetime): v = v.date().isoformat()
    elif v is not None: v = str(v)
    return {"value": v, "type": t, "isDate": bool(c.is_date)}
rows = [[cell(c) for c in r] for r in ws.iter_rows()]
print(json.dumps({"title": ws.title, "freezePanes": ws.freeze_panes,
    "headers": [c["value"] for c in rows[0]] if rows else [],
    "rows": rows[1:],
    "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.width}}))
""";

    /// <summary>Reads <paramref name="xlsx"/>; throws (never skips) when python3-openpyxl is missing (tests/run.sh installs it).</summary>
    public static async Task<XlsxSheet> ReadAsync(byte[] xlsx)
    {
        if (!File.Exists(Python)) throw new FileNotFoundException($"{Python} is missing; tests/run.sh installs python3-openpyxl (apt).", Python);
        var path = Path.Combine(Path.GetTempPath(), $"ledger-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, xlsx);
        try
        {
            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Script);
            start.ArgumentList.Add(path);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0) throw new InvalidOperationException("openpyxl could not read the workbook: " + await error);
            using var json = JsonDocument.Parse(await output);
            var root = json.RootElement;
            static XlsxCell Cell(JsonElement c) => new(c.GetProperty("value").GetString(), c.GetProperty("type").GetString()!, c.GetProperty("isDate").GetBoolean());
            return new XlsxSheet(
                root.GetProperty("title").GetString()!,
                root.GetProperty("freezePanes").GetString(),
                [.. root.GetProperty("headers").EnumerateArray().Select(h => h.GetString())],
                [.. root.GetProperty("rows").EnumerateArray().Select(r => (IReadOnlyList<XlsxCell>)[.. r.EnumerateArray().Select(Cell)])],
                root.GetProperty("widths").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
