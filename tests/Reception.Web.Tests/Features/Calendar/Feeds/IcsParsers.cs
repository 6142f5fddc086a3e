using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Reception.Core.Feeds;

namespace Reception.Web.Tests.Features.Calendar.Feeds;

/// <summary>
/// Parses iCalendar bytes with two real, independent parsers and returns what they understood:
/// <list type="bullet">
/// <item><see cref="IcalJsAsync"/>: Mozilla's ical.js 2.2.1 (npm; Thunderbird's parser) run by <c>node</c>, loaded from
/// <c>$RECEPTION_TEST_NODE_MODULES</c> or <c>tests/.tools/node_modules</c> (tests/run.sh installs it).</item>
/// <item><see cref="PythonIcalendarAsync"/>: Debian's python3-icalendar run by <c>/usr/bin/python3</c>.</item>
/// </list>
/// A test asserts <c>Assert.Empty(parsed.Errors)</c> and then compares <see cref="ParsedCalendar.Events"/> with what
/// it expected. <see cref="ParsedCalendar.Errors"/> holds everything the parser rejected or quietly tolerated:
/// exceptions, python-icalendar's per-component <c>errors</c>, invalid UTF-8, missing UID/DTSTAMP/DTSTART, a
/// VALARM without ACTION/TRIGGER, and any timed DTSTART/DTEND that does not resolve in the file's own
/// Asia/Shanghai VTIMEZONE at +08:00 (floating or unknown zone). Starts and ends are returned as Asia/Shanghai
/// wall-clock times (<see cref="FeedTime.Local(DateOnly, TimeOnly)"/>) or dates (<see cref="FeedTime.AllDay"/>),
/// so they compare directly with <see cref="FeedEvent.Start"/>/<see cref="FeedEvent.End"/>.
/// If node, ical.js, python3 or python3-icalendar is missing these methods throw: they never skip.
/// <see cref="ByteLevelErrors"/> checks the raw bytes (CRLF, 75 octets, UTF-8, folds) without any parser.
/// Known bugs of python-icalendar 4.0.3 (ical.js reads these correctly): it splits CATEGORIES on every comma, escaped
/// or not; it unescapes TEXT twice, so a literal backslash followed by a backslash, comma, semicolon or n is misread
/// (e.g. the escaped <c>\\\\</c>, two backslashes, reads as one, and the escaped <c>\\n</c> as a line break); and it
/// reads the literal texts %2C, %3A, %3B and %5C as , : ; and \.
/// </summary>
public static class IcsParsers
{
    public const string NodeModulesVariable = "RECEPTION_TEST_NODE_MODULES";
    public const string IcalJsVersion = "2.2.1";
    public const string Python = "/usr/bin/python3";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The node_modules folder holding ical.js: $RECEPTION_TEST_NODE_MODULES, or tests/.tools/node_modules.</summary>
    public static string NodeModules =>
        Environment.GetEnvironmentVariable(NodeModulesVariable) is { Length: > 0 } path
            ? path
            : Path.Combine(RepositoryRoot(), "tests", ".tools", "node_modules");

    /// <summary>Parses <paramref name="ics"/> with ical.js (node).</summary>
    /// <param name="nodeModules">Where ical.js is installed; by default <see cref="NodeModules"/>.</param>
    public static async Task<ParsedCalendar> IcalJsAsync(byte[] ics, string? nodeModules = null)
    {
        var modules = nodeModules ?? NodeModules;
        var package = Path.Combine(modules, "ical.js", "package.json");
        if (!File.Exists(package))
        {
            throw new FileNotFoundException(
                $"ical.js is not installed in {modules}. tests/run.sh installs it; by hand: " +
                $"npm install --prefix tests/.tools --no-audit --no-fund --no-package-lock ical.js@{IcalJsVersion}", package);
        }
        using (var json = JsonDocument.Parse(await File.ReadAllBytesAsync(package)))
        {
            var version = json.RootElement.GetProperty("version").GetString();
            if (version != IcalJsVersion)
            {
                throw new InvalidOperationException($"{package} is ical.js {version}; the tests pin {IcalJsVersion} (tests/run.sh).");
            }
        }
        return await RunAsync("node", [Script("icaljs.mjs"), modules], ics);
    }

    /// <summary>Parses <paramref name="ics"/> with Debian's python3-icalendar (/usr/bin/python3).</summary>
    public static Task<ParsedCalendar> PythonIcalendarAsync(byte[] ics)
    {
        if (!File.Exists(Python))
        {
            throw new FileNotFoundException($"{Python} is missing; tests/run.sh installs python3-icalendar (apt).", Python);
        }
        return RunAsync(Python, [Script("pyicalendar.py")], ics);
    }

    /// <summary>
    /// Byte-level faults, one line each (empty when none): a BOM, invalid UTF-8, a bare CR or LF, a missing final
    /// CRLF, a physical line longer than 75 octets, a continuation line starting with a UTF-8 continuation byte
    /// (a fold inside a character), or a folded line ending in an odd run of backslashes (a fold inside an escape).
    /// </summary>
    public static IReadOnlyList<string> ByteLevelErrors(byte[] ics)
    {
        var errors = new List<string>();
        if (ics.AsSpan().StartsWith("\uFEFF"u8)) errors.Add("starts with a UTF-8 BOM");
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(ics);
        }
        catch (DecoderFallbackException e)
        {
            errors.Add($"invalid UTF-8 at byte {e.Index}");
        }
        if (ics.Length > 0 && !ics.AsSpan().EndsWith("\r\n"u8)) errors.Add("does not end with CRLF");

        var lineNumber = 0;
        var lineStart = 0;
        for (var i = 0; i < ics.Length; i++)
        {
            if (ics[i] == (byte)'\r' && (i + 1 >= ics.Length || ics[i + 1] != (byte)'\n'))
            {
                errors.Add($"bare CR at byte {i}");
            }
            else if (ics[i] == (byte)'\n' && (i == 0 || ics[i - 1] != (byte)'\r'))
            {
                errors.Add($"bare LF at byte {i}");
            }
            if (ics[i] != (byte)'\n' || i == 0 || ics[i - 1] != (byte)'\r') continue;

            lineNumber++;
            var line = ics.AsSpan(lineStart, i - 1 - lineStart);
            if (line.Length > 75) errors.Add($"line {lineNumber} is {line.Length} octets");
            var folded = i + 1 < ics.Length && ics[i + 1] == (byte)' ';
            if (folded)
            {
                var run = 0;
                while (run < line.Length && line[line.Length - 1 - run] == (byte)'\\') run++;
                if (run % 2 == 1) errors.Add($"line {lineNumber} is folded inside an escape (ends with a lone backslash)");
                if (i + 2 < ics.Length && (ics[i + 2] & 0xC0) == 0x80)
                {
                    errors.Add($"line {lineNumber + 1} starts inside a UTF-8 character");
                }
            }
            lineStart = i + 1;
        }
        return errors;
    }

    private static async Task<ParsedCalendar> RunAsync(string program, string[] arguments, byte[] ics)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["PYTHONIOENCODING"] = "utf-8";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot run {program}: {e.Message}. The iCalendar parser tests need it.", e);
        }
        using (process)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.StandardInput.BaseStream.WriteAsync(ics, timeout.Token);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The program ended without reading everything; its exit code and stderr below say why.
            }
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {Timeout}.");
            }
            var output = await stdout;
            var errorOutput = await stderr;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{errorOutput}\n{output}");
            }
            var raw = JsonSerializer.Deserialize<RawCalendar>(output, JsonOptions)
                ?? throw new InvalidOperationException($"{program} printed no result: {output}\n{errorOutput}");
            return raw.ToParsed();
        }
    }

    private static string Script(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Features", "Calendar", "Feeds", "parsers", name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: the Web.Tests csproj copies Features/Calendar/Feeds/parsers/* to the output folder.", path);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reception.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Reception.sln not found above {AppContext.BaseDirectory}.");
    }

    private sealed record RawCalendar(string? Name, RawEvent[]? Events, string[]? Errors)
    {
        public ParsedCalendar ToParsed()
        {
            var errors = new List<string>(Errors ?? []);
            var events = (Events ?? []).Select(e => e.ToParsed(errors)).ToList();
            return new ParsedCalendar(Name, events, errors);
        }
    }

    private sealed record RawTime(string? Date, string? Time);

    private sealed record RawAlarm(long BeforeSeconds, string? Description);

    private sealed record RawEvent(
        string? Uid, string? Summary, string? Status, int? Sequence, RawTime? Start, RawTime? End, bool AllDay,
        RawAlarm[]? Alarms, string? Description, string? Location, string? Url, string[]? Categories)
    {
        public ParsedEvent ToParsed(List<string> errors) => new(
            Uid, Summary, Status, Sequence, Time(Start, "DTSTART", errors), Time(End, "DTEND", errors), AllDay,
            (Alarms ?? []).Select(a => new ParsedAlarm(TimeSpan.FromSeconds(a.BeforeSeconds), a.Description)).ToList(),
            Description, Location, Url, Categories ?? []);

        private FeedTime? Time(RawTime? value, string name, List<string> errors)
        {
            if (value?.Date is null) return null;
            if (!DateOnly.TryParseExact(value.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add($"VEVENT {Uid} {name}: unreadable date {value.Date}");
                return null;
            }
            if (value.Time is null) return FeedTime.AllDay(date);
            if (!TimeOnly.TryParseExact(value.Time, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                errors.Add($"VEVENT {Uid} {name}: unreadable time {value.Time}");
                return null;
            }
            return FeedTime.Local(date, time);
        }
    }
}

/// <summary>
/// What a parser understood. <see cref="Name"/> is X-WR-CALNAME (or NAME); <see cref="Errors"/> is empty for a clean parse.
/// </summary>
public sealed record ParsedCalendar(string? Name, IReadOnlyList<ParsedEvent> Events, IReadOnlyList<string> Errors)
{
    public override string ToString() =>
        $"{Name}: {Events.Count} events, {Errors.Count} errors" + string.Concat(Errors.Take(20).Select(e => "\n  " + e));
}

/// <summary>
/// One VEVENT as parsed. <see cref="Start"/>/<see cref="End"/> are Asia/Shanghai wall-clock times or dates (null only
/// when missing or unreadable, which is also an error); text is unescaped; <see cref="Status"/> is the raw STATUS
/// (e.g. "CANCELLED"). Lists compare by reference: compare them with Assert.Equal on the lists themselves.
/// </summary>
public sealed record ParsedEvent(
    string? Uid,
    string? Summary,
    string? Status,
    int? Sequence,
    FeedTime? Start,
    FeedTime? End,
    bool AllDay,
    IReadOnlyList<ParsedAlarm> Alarms,
    string? Description,
    string? Location,
    string? Url,
    IReadOnlyList<string> Categories)
{
    public int AlarmCount => Alarms.Count;
}

/// <summary>A VALARM: how long before the start it fires, and its DESCRIPTION.</summary>
public sealed record ParsedAlarm(TimeSpan Before, string? Description);
