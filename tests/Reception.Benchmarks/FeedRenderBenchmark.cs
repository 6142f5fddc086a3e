using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Reception.Core.Feeds;

namespace Reception.Benchmarks;

/// <summary>
/// The same 10,000 events rendered by the feeds' renderer (Ical.Net 5.2.4's model and serializer, then the renderer's
/// refolding, see <see cref="FeedRenderer"/>) and by npm's ical-generator, on this machine, in one run. The events (fixed
/// seed) go to a JSON file that both sides read, so both write the same content; each side times many iterations after a
/// warm-up and reports the median and the 95th percentile.
/// <list type="bullet">
/// <item>build + write: the calendar is built from the plain data and written out (C#: FeedEvent records, then
/// <see cref="FeedRenderer.ToBytes"/>, which builds Ical.Net's model, serializes it and refolds it into UTF-8 bytes; node:
/// <c>ical()</c> + <c>createEvent</c> ×10,000, then <c>toString()</c>).</item>
/// <item>write only: an already built calendar is written (C#: Ical.Net's model through <see cref="FeedRenderer.Write"/>
/// into a reused buffer, as the endpoint does; node: <c>toString()</c>, a JS string not yet encoded to UTF-8 — in
/// ical-generator's favour).</item>
/// </list>
/// Afterwards both outputs are unfolded and compared event by event (UID, DTSTART, DTEND, SUMMARY, LOCATION, DESCRIPTION,
/// STATUS, alarm TRIGGERs) to show that the two sides wrote the same events.
/// </summary>
public static class FeedRenderBenchmark
{
    public const int EventCount = 10_000;
    public const int Seed = 20_261_122;
    private static readonly DateTime Stamp = new(2026, 11, 22, 1, 0, 0, DateTimeKind.Utc);

    public static int Run(string[] args)
    {
        // Ical.Net spends about a second on 10,000 events: fewer iterations than a faster writer would get.
        var iterations = Option(args, "--iterations", 40);
        var warmup = Option(args, "--warmup", 5);
        var nodeIterations = Option(args, "--node-iterations", 40);
        var nodeWarmup = Option(args, "--node-warmup", 5);

        var root = RepositoryRoot();
        var folder = Path.Combine(root, "artifacts", "benchmarks", "ics");
        Directory.CreateDirectory(folder);
        var dataPath = Path.Combine(folder, "events.json");
        var data = Generate();
        File.WriteAllBytes(dataPath, JsonSerializer.SerializeToUtf8Bytes(data, JsonOptions));
        var buffer = new ArrayBufferWriter<byte>(8 << 20);

        // Ical.Net on one thread, like ical-generator: the model built from the plain data, serialized whole, refolded.
        var buildAndWrite = Measure(warmup, iterations, () =>
        {
            buffer.ResetWrittenCount();
            FeedRenderer.Write(FeedRenderer.ToCalendar(ToCalendar(data)), buffer);
        });
        var bytes = buffer.WrittenSpan.ToArray();
        // Write only: the model already built.
        var calendar = FeedRenderer.ToCalendar(ToCalendar(data));
        var writeOnly = Measure(warmup, iterations, () =>
        {
            buffer.ResetWrittenCount();
            FeedRenderer.Write(calendar, buffer);
        });
        // What the app does for a feed none of whose events it has rendered before: the same bytes, events serialized in parts on all cores.
        var appRender = Measure(warmup, iterations, () =>
        {
            buffer.ResetWrittenCount();
            FeedRenderer.Render(ToCalendar(data), buffer);
        });
        if (!buffer.WrittenSpan.SequenceEqual(bytes)) throw new InvalidOperationException("Rendering in parts gave other bytes than the whole calendar.");
        var ours = Path.Combine(folder, "reception.ics");
        File.WriteAllBytes(ours, bytes);

        // node: ical-generator.
        var theirs = Path.Combine(folder, "ical-generator.ics");
        var modules = Environment.GetEnvironmentVariable("RECEPTION_TEST_NODE_MODULES") is { Length: > 0 } m
            ? m
            : Path.Combine(root, "tests", ".tools", "node_modules");
        var script = Path.Combine(root, "tests", "Reception.Benchmarks", "ics", "ical-generator-bench.mjs");
        var node = RunNode(script, modules, dataPath, nodeWarmup, nodeIterations, theirs);

        var same = CompareEvents(File.ReadAllBytes(ours), File.ReadAllBytes(theirs), out var differences);

        Console.WriteLine($"{EventCount:N0} events, {Environment.ProcessorCount} cores, .NET {Environment.Version}, Ical.Net {IcalNetVersion}, node {node.Node}, ical-generator {node.Version}");
        Console.WriteLine($"output: Ical.Net {bytes.Length:N0} bytes, ical-generator {node.Bytes:N0} bytes (UTF-8); same events: {(same ? "yes" : $"NO ({differences})")}");
        Console.WriteLine($"iterations: C# {iterations} after {warmup} warm-up, node {node.WriteOnly.Iterations} after {nodeWarmup} warm-up");
        Console.WriteLine();
        Console.WriteLine($"{"",-28}{"Ical.Net median",18}{"p95",12}{"ical-generator median",24}{"p95",12}{"ratio (median)",16}{"ratio (p95)",13}");
        Row("build + write, one thread", buildAndWrite, node.BuildAndWrite);
        Row("write only, one thread", writeOnly, node.WriteOnly);
        Row($"app render, {Environment.ProcessorCount} cores", appRender, node.BuildAndWrite);
        Console.WriteLine("(ratio = ical-generator's time ÷ Ical.Net's: above 1 Ical.Net is faster; the last row against build + write)");
        Console.WriteLine();
        Console.WriteLine($"files: {ours}, {theirs}");
        return same ? 0 : 1;
    }

    // The package's version (the assembly's is 5.0.0.0 for every 5.x).
    private static string IcalNetVersion =>
        typeof(Ical.Net.Calendar).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "?";

    private static void Row(string name, Timing ours, Timing theirs) =>
        Console.WriteLine(
            $"{name,-28}{ours.Median,15:F2} ms{ours.P95,9:F2} ms{theirs.Median,21:F2} ms{theirs.P95,9:F2} ms" +
            $"{theirs.Median / ours.Median,15:F1}×{theirs.P95 / ours.P95,12:F1}×");

    private static Timing Measure(int warmup, int iterations, Action work)
    {
        for (var i = 0; i < warmup; i++) work();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            work();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(times);
        double At(double q) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(q * times.Length) - 1)];
        return new Timing(At(0.5), At(0.95), times[0], iterations);
    }

    private static NodeResult RunNode(string script, string modules, string dataPath, int warmup, int iterations, string output)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { script, modules, dataPath, warmup.ToString(CultureInfo.InvariantCulture), iterations.ToString(CultureInfo.InvariantCulture), output })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["TZ"] = "Asia/Shanghai";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}:\n{stderr.Result}");
        }
        return JsonSerializer.Deserialize<NodeResult>(stdout.Result, JsonOptions)
            ?? throw new InvalidOperationException("node printed nothing");
    }

    /// <summary>The events of both files agree on every compared property (after unfolding).</summary>
    private static bool CompareEvents(byte[] ours, byte[] theirs, out string differences)
    {
        var a = Events(ours);
        var b = Events(theirs);
        if (a.Count != b.Count)
        {
            differences = $"{a.Count} vs {b.Count} events";
            return false;
        }
        var bad = a.Keys.Where(uid => !b.TryGetValue(uid, out var other) || other != a[uid]).ToList();
        differences = bad.Count == 0 ? "" : $"{bad.Count} events differ, e.g. {bad[0]}:\n  {a[bad[0]]}\n  {(b.TryGetValue(bad[0], out var x) ? x : "(missing)")}";
        return bad.Count == 0;
    }

    private static readonly string[] Compared = ["DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION", "STATUS", "TRIGGER"];

    private static Dictionary<string, string> Events(byte[] ics)
    {
        var text = Encoding.UTF8.GetString(ics).Replace("\r\n ", "", StringComparison.Ordinal);
        var events = new Dictionary<string, string>();
        string? uid = null;
        var properties = new List<string>();
        foreach (var line in text.Split("\r\n"))
        {
            if (line == "BEGIN:VEVENT") { uid = null; properties.Clear(); }
            else if (line.StartsWith("UID:", StringComparison.Ordinal)) uid = line[4..];
            else if (line == "END:VEVENT" && uid is not null) events[uid] = string.Join(" | ", properties.Order(StringComparer.Ordinal));
            else if (Compared.Any(p => line.StartsWith(p + ":", StringComparison.Ordinal) || line.StartsWith(p + ";", StringComparison.Ordinal)))
            {
                properties.Add(line);
            }
        }
        return events;
    }

    /// <summary>10,000 events like a province's office feed: duties, visits and appointments, Chinese text, some escapes.</summary>
    public static BenchData Generate()
    {
        var random = new Random(Seed);
        string[] leaders = ["张三", "李四", "王五", "赵六", "孙七", "周八", "吴九", "郑十", "欧阳修", "司马光", "𠮷田"];
        string[] places = ["市信访局接待大厅", "县信访接待中心 2 楼, 3 号接待室", "某某镇政府; 会议室", "人民路 88 号"];
        string[] kinds = ["坐班接访", "下访", "约访", "包案督办"];
        var first = new DateOnly(2026, 10, 23);
        var events = new BenchEvent[EventCount];
        for (var i = 0; i < EventCount; i++)
        {
            var day = first.AddDays(random.Next(0, 210));
            var kind = kinds[random.Next(kinds.Length)];
            var leader = leaders[random.Next(leaders.Length)];
            var allDay = random.Next(6) == 0;
            string start, end;
            if (allDay)
            {
                start = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                end = day.AddDays(1 + random.Next(2)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            else
            {
                var from = new TimeOnly(8 + random.Next(9), random.Next(4) * 15);
                start = day.ToDateTime(from).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
                end = day.ToDateTime(from.AddMinutes(30 * (1 + random.Next(6)))).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
            }
            var status = random.Next(20) switch { 0 => "CANCELLED", 1 => "TENTATIVE", _ => "CONFIRMED" };
            var number = $"2026-{random.Next(1, 9999):0000}";
            events[i] = new BenchEvent(
                Uid: $"{kind switch { "坐班接访" => "duty", "下访" => "visit", "约访" => "appointment", _ => "case" }}-{i}@reception.demo",
                AllDay: allDay,
                Start: start,
                End: end,
                Summary: $"{kind}：{leader}（{number} 号）",
                Location: random.Next(3) == 0 ? null : places[random.Next(places.Length)],
                Description: random.Next(2) == 0 ? null : $"信访事项 {number}\n类别：土地征收, 城乡建设; 接访领导：{leader}\n请提前 30 分钟到场。",
                Url: $"https://reception.example/cases/{i}",
                Categories: [kind, leader],
                Status: status,
                Sequence: random.Next(5),
                LastModified: Stamp.AddMinutes(-random.Next(100_000)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                Alarms: random.Next(2) == 0 ? [] : [new BenchAlarm(15 * (1 + random.Next(8)), $"{kind}提醒：{leader}")]);
        }
        return new BenchData("演示市信访局 全部值班与接访", "坐班接访、下访、约访与包案期限", 3600,
            Stamp.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), events);
    }

    /// <summary>The plain data as the feeds' model (parsing included, as node parses its dates).</summary>
    public static FeedCalendar ToCalendar(BenchData data)
    {
        var events = new FeedEvent[data.Events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            var e = data.Events[i];
            FeedAlarm[] alarms = e.Alarms.Length == 0 ? [] : new FeedAlarm[e.Alarms.Length];
            for (var a = 0; a < alarms.Length; a++) alarms[a] = new FeedAlarm(TimeSpan.FromMinutes(e.Alarms[a].MinutesBefore), e.Alarms[a].Description);
            events[i] = new FeedEvent(e.Uid, Time(e.Start, e.AllDay), Time(e.End, e.AllDay), e.Summary,
                e.Status switch { "CANCELLED" => FeedEventStatus.Cancelled, "TENTATIVE" => FeedEventStatus.Tentative, _ => FeedEventStatus.Confirmed },
                e.Sequence,
                DateTime.ParseExact(e.LastModified, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal))
            {
                Location = e.Location,
                Description = e.Description,
                Url = new Uri(e.Url),
                Categories = e.Categories,
                Alarms = alarms,
            };
        }
        return new FeedCalendar(data.Name, TimeSpan.FromSeconds(data.RefreshSeconds), events) { Description = data.Description };
    }

    private static FeedTime Time(string text, bool allDay) => allDay
        ? FeedTime.AllDay(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture))
        : FeedTime.Local(DateTime.ParseExact(text, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reception.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Reception.sln not found above {AppContext.BaseDirectory}.");
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public sealed record BenchData(string Name, string Description, int RefreshSeconds, string Stamp, BenchEvent[] Events);

    public sealed record BenchEvent(
        string Uid, bool AllDay, string Start, string End, string Summary, string? Location, string? Description,
        string Url, string[] Categories, string Status, int Sequence, string LastModified, BenchAlarm[] Alarms);

    public sealed record BenchAlarm(int MinutesBefore, string Description);

    private sealed record Timing(double Median, double P95, double Min, int Iterations);

    private sealed record NodeResult(string Version, string Node, int Events, long Bytes, Timing BuildAndWrite, Timing WriteOnly);
}
