using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using Reception.Core.Audit;
using Reception.Core.Cases;
using Reception.Web.Audit;

namespace Reception.Web.Features.Cases.Ledger;

/// <summary>The file formats of the ledger export.</summary>
public enum LedgerFormat
{
    Csv = 0,
    Xlsx = 1,
}

/// <summary>
/// Writes the ledger straight into the response as its rows are read (<see cref="CaseLedger.Rows"/>): a real .xlsx (MiniExcel's
/// streaming writer: frozen header row, column widths, dates as date cells) or CSV (<see cref="CsvFile"/>: UTF-8 with BOM,
/// dates yyyy-MM-dd). Then records the export in the audit log as the CSV exports are (which list, file, rows, whether
/// personal data was in it — "masked" when only masked ID numbers and phones were).
/// </summary>
public sealed class LedgerExport(LedgerSource source, IReadOnlyList<LedgerColumn> columns, LedgerFormat format, string fileName,
    string sheetName, string list, string personalData, string? cappedNote) : IActionResult
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The export of <paramref name="ordered"/> (in the reader's scope, in the list's order) for the page
    /// <paramref name="list"/>, named "<paramref name="baseName"/>.csv|.xlsx".
    /// </summary>
    public static LedgerExport For(AppDbContext db, IQueryable<PetitionCase> ordered, UserScope scope, CaseRules rules, IStringLocalizer l,
        LedgerFormat format, string baseName, string list)
    {
        var source = CaseLedger.Rows(db, ordered, scope);
        var name = baseName + (format == LedgerFormat.Xlsx ? ".xlsx" : ".csv");
        return new LedgerExport(source, CaseLedger.Columns(l, rules.Deadlines), format, name, l["Ledger"].Value, list,
            scope.SeesPersonalData ? "yes" : "masked",
            l["Only the first {0} cases are in this file; narrow the filter to export the rest.", CaseLedger.MaxRows].Value);
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        var audit = http.RequestServices.GetRequiredService<AuditLog>();
        http.Response.ContentType = format == LedgerFormat.Xlsx ? XlsxContentType : CsvFile.ContentType;
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName, FileNameStar = fileName }.ToString();
        // The .xlsx writer finishes its zip with synchronous writes; allowed for this response only.
        if (http.Features.Get<IHttpBodyControlFeature>() is { } body) body.AllowSynchronousIO = true;

        var rows = 0;
        IEnumerable<LedgerRow> Counted()
        {
            foreach (var row in source.Rows)
            {
                rows++;
                yield return row;
            }
        }

        var outcome = AuditOutcome.Failure;
        try
        {
            if (format == LedgerFormat.Xlsx) await WriteXlsxAsync(http.Response.Body, Counted(), ct);
            else await WriteCsvAsync(http.Response.Body, Counted(), ct);
            outcome = AuditOutcome.Success;
        }
        finally
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"list={list}; file={fileName}; rows={rows}; personal-data={personalData}");
            await audit.RecordAsync(AuditActions.Export, outcome, "list:" + list.Split('?')[0], detail, CancellationToken.None);
        }
    }

    private async Task WriteCsvAsync(Stream body, IEnumerable<LedgerRow> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(CsvFile.Line(columns.Select(c => (object?)c.Header)).AsMemory(), ct);
        foreach (var row in rows)
        {
            await writer.WriteAsync(CsvFile.Line(columns.Select(c => c.Value(row))).AsMemory(), ct);
        }
        if (source.Capped && cappedNote is not null) await writer.WriteAsync(CsvFile.Line([cappedNote]).AsMemory(), ct);
        await writer.FlushAsync(ct);
    }

    private async Task WriteXlsxAsync(Stream body, IEnumerable<LedgerRow> rows, CancellationToken ct)
    {
        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            TableStyles = TableStyles.Default, // styled header; openpyxl 3.0 cannot read the empty fill that None writes
            AutoFilter = true,
            EnableWriteNullValueCell = false,
            DynamicColumns = [.. columns.Select((c, i) => new DynamicExcelColumn(c.Header)
            {
                Index = i,
                Width = c.Width,
                Format = c.Kind == LedgerKind.Date ? "yyyy-mm-dd" : null,
            })],
        };
        await MiniExcel.SaveAsAsync(body, Sheet(rows), printHeader: true, sheetName: sheetName, excelType: ExcelType.XLSX,
            configuration: configuration, cancellationToken: ct);
    }

    /// <summary>One dictionary per row, keyed by the headers; dates as DateTime (a date cell), numbers as numbers.</summary>
    private IEnumerable<IDictionary<string, object?>> Sheet(IEnumerable<LedgerRow> rows)
    {
        foreach (var row in rows)
        {
            var line = new Dictionary<string, object?>(columns.Count);
            foreach (var c in columns)
            {
                line[c.Header] = c.Value(row) switch
                {
                    DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                    "" => null,
                    var v => v,
                };
            }
            yield return line;
        }

        if (source.Capped && cappedNote is not null)
            yield return columns.Select((c, i) => KeyValuePair.Create(c.Header, i == 0 ? (object?)cappedNote : null)).ToDictionary();
    }
}
