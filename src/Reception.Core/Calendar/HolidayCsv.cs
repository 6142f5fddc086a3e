using System.Text;
using Reception.Core.Common;
using Reception.Core.Imports;

namespace Reception.Core.Calendar;

/// <summary>The outcome of <see cref="HolidayCsv.Parse"/>. All-or-nothing: when there are errors, there are no entries or years.</summary>
public sealed class HolidayCsvResult
{
    internal HolidayCsvResult(IReadOnlyList<HolidayEntry> entries, IReadOnlyList<int> years, IReadOnlyList<ImportError> errors)
    {
        Entries = entries;
        Years = years;
        Errors = errors;
    }

    /// <summary>The rows, in file order; empty when there are errors.</summary>
    public IReadOnlyList<HolidayEntry> Entries { get; }

    /// <summary>The years the file covers, ascending (with <c>expectedYear</c>: just that year); empty when there are errors.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>The problems found, ordered by line.</summary>
    public IReadOnlyList<ImportError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    /// <summary>The same arrangement without the years after <paramref name="lastYear"/> (they become unknown).</summary>
    public HolidayCsvResult Through(int lastYear) =>
        new([.. Entries.Where(e => e.Date.Year <= lastYear)], [.. Years.Where(y => y <= lastYear)], Errors);
}

/// <summary>
/// Reads the holiday arrangement CSV: header <c>date,name,is_off_day</c>, then one row per listed date, e.g.
/// <c>2026-10-01,国庆节,true</c> (true = off day 放假, false = make-up working day 调休上班).
/// </summary>
public static class HolidayCsv
{
    public const string Header = "date,name,is_off_day";

    private static readonly string[] HeaderFields = ["date", "name", "is_off_day"];

    /// <summary>
    /// Parses and validates the whole text. Tolerates a UTF-8 BOM, CRLF or LF line ends, blank lines (also rows
    /// of empty fields), spaces around fields and RFC 4180 quoted fields (a field may not span lines).
    /// Every error carries the 1-based physical line number (header = line 1).
    /// </summary>
    /// <param name="text">The decoded file content.</param>
    /// <param name="expectedYear">When given, a row dated outside this year is an error.</param>
    public static HolidayCsvResult Parse(string text, int? expectedYear = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var errors = new List<ImportError>();
        var entries = new List<HolidayEntry>();
        var firstLineOfDate = new Dictionary<DateOnly, int>();
        var headerSeen = false;
        var lineNumber = 0;

        foreach (var line in SplitLines(text))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (line.Contains('\uFFFD'))
            {
                errors.Add(Error(lineNumber, CalendarMessages.CsvUndecodable));
                if (!headerSeen)
                {
                    return Failed(errors);
                }

                continue;
            }

            var fieldsOrError = SplitFields(line);
            if (fieldsOrError.Error is { } fieldError)
            {
                errors.Add(Error(lineNumber, fieldError));
                if (!headerSeen)
                {
                    return Failed(errors);
                }

                continue;
            }

            var fields = fieldsOrError.Fields!;
            if (fields.All(f => f.Length == 0))
            {
                continue; // e.g. ",," left by a spreadsheet
            }

            if (!headerSeen)
            {
                var isHeader = fields.Count == HeaderFields.Length
                    && fields.Zip(HeaderFields).All(p => string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
                if (!isHeader)
                {
                    errors.Add(Error(lineNumber, CalendarMessages.CsvBadHeader, line.Trim()));
                    return Failed(errors); // without the right header the rows cannot be interpreted
                }

                headerSeen = true;
                continue;
            }

            var entry = ParseRow(fields, lineNumber, expectedYear, errors);
            if (entry is null)
            {
                continue;
            }

            if (firstLineOfDate.TryGetValue(entry.Date, out var firstLine))
            {
                errors.Add(Error(lineNumber, CalendarMessages.CsvDuplicateDate, DateText.Of(entry.Date), firstLine));
                continue;
            }

            firstLineOfDate.Add(entry.Date, lineNumber);
            entries.Add(entry);
        }

        if (!headerSeen)
        {
            errors.Add(Error(1, CalendarMessages.CsvEmpty));
        }
        else if (errors.Count == 0 && entries.Count == 0)
        {
            // An empty arrangement would mark the year as known with no holidays: exactly the silent
            // assumption the calendar must never make.
            errors.Add(Error(1, CalendarMessages.CsvNoRows));
        }

        if (errors.Count > 0)
        {
            return Failed(errors);
        }

        IReadOnlyList<int> years = expectedYear is { } y
            ? [y]
            : entries.Select(e => e.Date.Year).Distinct().Order().ToArray();
        return new HolidayCsvResult(entries.AsReadOnly(), years, Array.Empty<ImportError>());
    }

    private static HolidayEntry? ParseRow(IReadOnlyList<string> fields, int lineNumber, int? expectedYear, List<ImportError> errors)
    {
        if (fields.Count != HeaderFields.Length)
        {
            errors.Add(Error(lineNumber, CalendarMessages.CsvWrongFieldCount, fields.Count));
            return null;
        }

        var ok = true;
        if (!TryParseDate(fields[0], out var date))
        {
            errors.Add(Error(lineNumber, CalendarMessages.CsvBadDate, fields[0]));
            ok = false;
        }
        else if (expectedYear is { } year && date.Year != year)
        {
            errors.Add(Error(lineNumber, CalendarMessages.CsvDateOutsideYear, DateText.Of(date), year));
            ok = false;
        }

        var name = fields[1];
        if (name.Length == 0)
        {
            errors.Add(Error(lineNumber, CalendarMessages.CsvEmptyName));
            ok = false;
        }
        else if (name.Length > HolidayEntry.NameMaxLength)
        {
            errors.Add(Error(lineNumber, CalendarMessages.CsvNameTooLong, HolidayEntry.NameMaxLength));
            ok = false;
        }

        if (!TryParseFlag(fields[2], out var isOffDay))
        {
            errors.Add(Error(lineNumber, CalendarMessages.CsvBadFlag, fields[2]));
            ok = false;
        }

        return ok ? new HolidayEntry(date, name, isOffDay) : null;
    }

    private static bool TryParseDate(string text, out DateOnly date)
    {
        date = default;
        // Strict ISO: exactly yyyy-MM-dd with ASCII digits (ParseExact alone would accept other digit widths in places).
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (i != 4 && i != 7 && !char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return DateText.TryParse(text, out date);
    }

    private static bool TryParseFlag(string text, out bool isOffDay)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "1" or "是" or "放假":
                isOffDay = true;
                return true;
            case "false" or "0" or "否" or "上班":
                isOffDay = false;
                return true;
            default:
                isOffDay = false;
                return false;
        }
    }

    /// <summary>
    /// The arrangement as this format's text: the header, then one row per entry in the order given, each line ending
    /// in \n (no BOM) — what <see cref="Parse"/> reads back, and the form of the shipped cn-holidays.csv.
    /// </summary>
    public static string Format(IEnumerable<HolidayEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var e in entries)
        {
            sb.Append(Row(DateText.Of(e.Date), e.Name, e.IsOffDay ? "true" : "false")).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>One CSV line of <paramref name="fields"/> (without the line end), quoting a field only when it must be.</summary>
    public static string Row(params string[] fields) => string.Join(",", fields.Select(Quote));

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || field != field.Trim() ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static ImportError Error(int line, string key, params object[] args) => new(line, new LocalizableMessage(key, args));

    private static HolidayCsvResult Failed(List<ImportError> errors) =>
        new(Array.Empty<HolidayEntry>(), Array.Empty<int>(), errors.AsReadOnly());

    /// <summary>Physical lines: CRLF, LF and a lone CR each end one line.</summary>
    private static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                yield return text[start..i];
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private readonly record struct FieldsOrError(IReadOnlyList<string>? Fields, string? Error);

    /// <summary>Splits one line into trimmed fields; a field may be quoted ("a, b" or "say ""hi""").</summary>
    private static FieldsOrError SplitFields(string line)
    {
        var fields = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
            {
                i++;
            }

            string field;
            if (i < line.Length && line[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                var closed = false;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }

                        closed = true;
                        i++;
                        break;
                    }

                    sb.Append(line[i]);
                    i++;
                }

                if (!closed)
                {
                    return new FieldsOrError(null, CalendarMessages.CsvUnterminatedQuote);
                }

                while (i < line.Length && line[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < line.Length && line[i] != ',')
                {
                    return new FieldsOrError(null, CalendarMessages.CsvTextAfterQuote);
                }

                field = sb.ToString().Trim();
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                field = line[i..end].Trim();
                i = end;
            }

            fields.Add(field);
            if (i >= line.Length)
            {
                return new FieldsOrError(fields, null);
            }

            i++; // skip the comma; a trailing comma yields a final empty field
        }
    }
}
