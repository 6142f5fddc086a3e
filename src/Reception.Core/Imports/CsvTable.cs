using System.Text;
using Reception.Core.Common;

namespace Reception.Core.Imports;

/// <summary>A column an import expects: its English and Chinese header names.</summary>
internal sealed record CsvColumn(string Name, string ChineseName, bool Required = true)
{
    /// <summary>How a missing column is named in messages, e.g. "代码 (code)".</summary>
    public string Display => $"{ChineseName} ({Name})";

    public bool Matches(string header) =>
        string.Equals(header, Name, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(header, ChineseName, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One data row, with trimmed values addressed by column.</summary>
internal sealed class CsvRow
{
    private readonly IReadOnlyList<CsvColumn> _columns;
    private readonly string[] _values;
    private readonly string?[] _labels;

    internal CsvRow(int line, IReadOnlyList<CsvColumn> columns, string[] values, string?[] labels)
    {
        Line = line;
        _columns = columns;
        _values = values;
        _labels = labels;
    }

    /// <summary>1-based physical line on which the row starts.</summary>
    public int Line { get; }

    /// <summary>The trimmed value; "" when empty or when an optional column is absent.</summary>
    public string this[CsvColumn column] => _values[IndexOf(column)];

    /// <summary>The column's name as written in this file's header (for messages).</summary>
    public string Label(CsvColumn column) => _labels[IndexOf(column)] ?? column.Name;

    private int IndexOf(CsvColumn column)
    {
        for (int i = 0; i < _columns.Count; i++)
            if (ReferenceEquals(_columns[i], column)) return i;
        throw new ArgumentException($"Column {column.Name} is not part of this table.", nameof(column));
    }
}

/// <summary>
/// Reads CSV text (RFC 4180: comma separated, "" quotes, quoted values may hold commas and line
/// breaks) into rows with their physical line numbers, checking the header against the expected columns.
/// </summary>
internal static class CsvTable
{
    internal readonly record struct Record(int Line, List<string> Fields, bool Malformed);

    /// <summary>
    /// Returns the well-formed data rows, adding an error for every malformed one; returns null when
    /// the file or its header is unusable (the errors then say why and no row is checked).
    /// </summary>
    public static List<CsvRow>? Read(string text, IReadOnlyList<CsvColumn> columns, List<ImportError> errors)
    {
        var records = Parse(text).Where(r => r.Malformed || !r.Fields.All(string.IsNullOrWhiteSpace)).ToList();
        if (records.Count == 0)
        {
            errors.Add(new ImportError(1, new LocalizableMessage(ImportMessageKeys.FileEmpty)));
            return null;
        }

        var header = records[0];
        if (header.Malformed)
        {
            errors.Add(new ImportError(header.Line, new LocalizableMessage(ImportMessageKeys.MalformedQuotes)));
            return null;
        }

        var headerNames = header.Fields.Select(f => f.Trim()).ToList();
        while (headerNames.Count > 0 && headerNames[^1].Length == 0) headerNames.RemoveAt(headerNames.Count - 1);

        // For each file column, the index of the expected column it holds.
        var fileToColumn = new int[headerNames.Count];
        var labels = new string?[columns.Count];
        var headerErrors = new List<ImportError>();
        for (int i = 0; i < headerNames.Count; i++)
        {
            var name = headerNames[i];
            int c = name.Length == 0 ? -1 : IndexOfColumn(columns, name);
            fileToColumn[i] = c;
            if (name.Length == 0)
                headerErrors.Add(Error(header.Line, ImportMessageKeys.EmptyColumnName, i + 1));
            else if (c < 0)
                headerErrors.Add(Error(header.Line, ImportMessageKeys.UnknownColumn, name));
            else if (labels[c] is not null)
                headerErrors.Add(Error(header.Line, ImportMessageKeys.DuplicateColumn, name));
            else
                labels[c] = name;
        }
        for (int c = 0; c < columns.Count; c++)
            if (columns[c].Required && labels[c] is null)
                headerErrors.Add(Error(header.Line, ImportMessageKeys.MissingColumn, columns[c].Display));
        if (headerErrors.Count > 0)
        {
            errors.AddRange(headerErrors);
            return null;
        }

        if (records.Count == 1)
        {
            errors.Add(Error(header.Line + 1, ImportMessageKeys.NoDataRows));
            return null;
        }

        var rows = new List<CsvRow>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            if (record.Malformed)
            {
                errors.Add(Error(record.Line, ImportMessageKeys.MalformedQuotes));
                continue;
            }
            // Excel sometimes writes trailing empty cells; anything beyond the header must be empty.
            int count = record.Fields.Count;
            while (count > headerNames.Count && string.IsNullOrWhiteSpace(record.Fields[count - 1])) count--;
            if (count != headerNames.Count)
            {
                errors.Add(Error(record.Line, ImportMessageKeys.WrongValueCount, count, headerNames.Count));
                continue;
            }
            var values = new string[columns.Count];
            Array.Fill(values, "");
            for (int i = 0; i < headerNames.Count; i++) values[fileToColumn[i]] = record.Fields[i].Trim();
            rows.Add(new CsvRow(record.Line, columns, values, labels));
        }
        return rows;
    }

    internal static ImportError Error(int line, string key, params object[] args) => new(line, new LocalizableMessage(key, args));

    private static int IndexOfColumn(IReadOnlyList<CsvColumn> columns, string name)
    {
        for (int c = 0; c < columns.Count; c++)
            if (columns[c].Matches(name)) return c;
        return -1;
    }

    /// <summary>Splits text into records. Line breaks inside quoted values are kept as "\n".</summary>
    internal static IEnumerable<Record> Parse(string text)
    {
        int i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        int n = text.Length;
        int line = 1;
        var value = new StringBuilder();
        while (i < n)
        {
            int startLine = line;
            var fields = new List<string>();
            bool malformed = false;
            while (true)
            {
                int j = i;
                while (j < n && text[j] is ' ' or '\t') j++;
                if (j < n && text[j] == '"')
                {
                    i = j + 1;
                    value.Clear();
                    bool closed = false;
                    while (i < n)
                    {
                        char ch = text[i];
                        if (ch == '"')
                        {
                            if (i + 1 < n && text[i + 1] == '"') { value.Append('"'); i += 2; continue; }
                            i++;
                            closed = true;
                            break;
                        }
                        if (ch is '\r' or '\n')
                        {
                            i += ch == '\r' && i + 1 < n && text[i + 1] == '\n' ? 2 : 1;
                            line++;
                            value.Append('\n');
                            continue;
                        }
                        value.Append(ch);
                        i++;
                    }
                    if (!closed) malformed = true;
                    while (i < n && text[i] is ' ' or '\t') i++;
                    if (i < n && text[i] is not (',' or '\r' or '\n'))
                    {
                        malformed = true;
                        while (i < n && text[i] is not (',' or '\r' or '\n')) value.Append(text[i++]);
                    }
                    fields.Add(value.ToString());
                }
                else
                {
                    int start = i;
                    while (i < n && text[i] is not (',' or '\r' or '\n')) i++;
                    fields.Add(text[start..i]);
                }

                if (i >= n) break;
                if (text[i] == ',')
                {
                    i++;
                    if (i >= n) { fields.Add(""); break; }
                    continue;
                }
                i += text[i] == '\r' && i + 1 < n && text[i + 1] == '\n' ? 2 : 1;
                line++;
                break;
            }
            yield return new Record(startLine, fields, malformed);
        }
    }
}

/// <summary>One record of a CSV file: the physical line it starts on, its fields, and whether its quotes are malformed.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, bool Malformed);

/// <summary>The records of CSV text (RFC 4180, as <see cref="CsvTable"/> reads it), for imports whose columns the user maps.</summary>
public static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CsvTable.Parse(text).Select(r => new CsvRecord(r.Line, r.Fields, r.Malformed));
    }
}
