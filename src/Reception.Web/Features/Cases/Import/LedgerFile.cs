using MiniExcelLibs;
using Reception.Core.Cases.Import;
using Reception.Core.Imports;

namespace Reception.Web.Features.Cases.Import;

/// <summary>An old ledger as a table of text: its header and rows (each as long as the header), cells trimmed.</summary>
public sealed record LedgerTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// Reads an uploaded ledger: an Excel workbook (.xlsx, its first sheet, read by MiniExcel; date cells become yyyy-MM-dd) or
/// a CSV file in UTF-8 or GB18030 (<see cref="CsvText"/>). Refuses files over <see cref="MaxBytes"/>, more than
/// <see cref="LedgerImport.MaxRows"/> rows or <see cref="LedgerImport.MaxColumns"/> columns, with the reason in the reader's language.
/// </summary>
public static class LedgerFile
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public static async Task<(LedgerTable? Table, string? Error)> ReadAsync(IFormFile? file, IStringLocalizer l, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return (null, l["Choose an Excel (.xlsx) or CSV file to upload."]);
        if (file.Length > MaxBytes) return (null, l["The file is larger than {0} MB.", MaxBytes / (1024 * 1024)]);
        using var buffer = new MemoryStream((int)file.Length);
        await using (var stream = file.OpenReadStream()) await stream.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        return Read(bytes, l);
    }

    public static (LedgerTable? Table, string? Error) Read(byte[] bytes, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > MaxBytes) return (null, l["The file is larger than {0} MB.", MaxBytes / (1024 * 1024)]);
        List<List<string>> records;
        var beyond = 0;
        if (bytes.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            try
            {
                (records, beyond) = Xlsx(bytes);
            }
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException or FormatException or System.Xml.XmlException or IOException or KeyNotFoundException or NullReferenceException)
            {
                return (null, l.Text(new(LedgerImportMessages.NotASpreadsheet)));
            }
        }
        else if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return (null, l["Old Excel files (.xls) cannot be read: save the sheet as an Excel workbook (.xlsx) or as CSV, then upload that."]);
        }
        else
        {
            var text = CsvText.Decode(bytes, MaxBytes);
            if (!text.Succeeded) return (null, l.Text(text.Error));
            records = [];
            foreach (var record in CsvRecords.Read(text.Text))
            {
                if (record.Malformed) return (null, l["Line {0}: {1}", record.Line, l.Text(new(ImportMessageKeys.MalformedQuotes))]);
                records.Add([.. record.Fields.Select(f => f.Trim())]);
            }
        }
        return Table(records, beyond, l);
    }

    private static (LedgerTable? Table, string? Error) Table(List<List<string>> records, int beyond, IStringLocalizer l)
    {
        records.RemoveAll(r => r.All(string.IsNullOrWhiteSpace));
        if (records.Count == 0) return (null, l.Text(new(ImportMessageKeys.FileEmpty)));
        var header = records[0];
        // Columns no row fills (a sheet's formatted but empty columns) are dropped from the right.
        var width = records.Max(r => LastFilled(r) + 1);
        if (width > LedgerImport.MaxColumns) return (null, l.Text(new(LedgerImportMessages.TooManyColumns, width, LedgerImport.MaxColumns)));
        var rows = records.Count - 1 + beyond;
        if (rows == 0) return (null, l.Text(new(LedgerImportMessages.NoRows)));
        if (rows > LedgerImport.MaxRows) return (null, l.Text(new(LedgerImportMessages.TooManyRows, rows, LedgerImport.MaxRows)));
        var headers = Enumerable.Range(0, width)
            .Select(i => i < header.Count && header[i].Length > 0 ? header[i] : l["Column {0}", ColumnLetter(i)].Value).ToList();
        var table = records.Skip(1).Select(r => (IReadOnlyList<string>)Enumerable.Range(0, width).Select(i => i < r.Count ? r[i] : "").ToList()).ToList();
        return (new LedgerTable(headers, table), null);
    }

    private static int LastFilled(List<string> row)
    {
        for (int i = row.Count - 1; i >= 0; i--)
            if (!string.IsNullOrWhiteSpace(row[i])) return i;
        return -1;
    }

    /// <summary>A, B, …, Z, AA, AB, … as Excel names columns.</summary>
    public static string ColumnLetter(int index)
    {
        var name = "";
        for (int n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>The first sheet's rows, keeping at most one more than the limit; the rest are only counted (non-empty ones).</summary>
    private static (List<List<string>> Records, int Beyond) Xlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var records = new List<List<string>>();
        var beyond = 0;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            var cells = row.Values.Select(Cell).ToList();
            if (records.Count <= LedgerImport.MaxRows + 1) records.Add(cells);
            else if (!cells.All(string.IsNullOrWhiteSpace)) beyond++;
        }
        return (records, beyond);
    }

    /// <summary>A cell as text: dates as yyyy-MM-dd (with the time when there is one), numbers in invariant digits.</summary>
    private static string Cell(object? value) => value switch
    {
        null => "",
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double n => n.ToString("0.###############", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim() ?? "",
    };
}
