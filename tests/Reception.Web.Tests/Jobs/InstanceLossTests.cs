using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Jobs;
using Reception.Core.Mail;
using Reception.Web.Tests.Mail;

namespace Reception.Web.Tests.Jobs;

/// <summary>
/// Losing an instance: two real app processes (the built Reception.Web.dll, each on its own port) on one PostgreSQL
/// database send a queue of mail to a real SMTP server that answers slowly, and run a job every two seconds; one process
/// is killed abruptly (Process.Kill, no shutdown) in the middle of it. The other finishes the work: every message is
/// delivered exactly once (only those in flight at the kill reach the server a second time, with the same key, and
/// the receiver drops them), every two-second occurrence of the job has run exactly once, and none is left running.
/// </summary>
public sealed class InstanceLossTests
{
    private const string Job = "DeadlineScan";
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task OneOfTwoProcessesKilled_NoOccurrenceLostOrRunTwice_NoMailLostOrDeliveredTwice()
    {
        using var database = PostgresServer.CreateDatabase("loss");
        await using var smtp = await SmtpTestServer.StartAsync();
        smtp.Control(dataDelaySeconds: 0.3); // a message takes a while: the kill finds one in flight

        await using var one = await AppProcess.StartAsync("one", database.ConnectionString, smtp.Port);
        await using var two = await AppProcess.StartAsync("two", database.ConnectionString, smtp.Port);
        // This process only reads and writes the shared database (no scheduler).
        // (with the same job settings: an instance registers the recurring jobs as it is configured).
        await using var reader = ReceptionFactory.Build().OnDatabase(database).Seeding(Seed.Empty).Settings(JobSettings()).Create();

        var from = DateTime.UtcNow;
        var keys = await QueueMailAsync(reader, 40);
        await WaitAsync(() => smtp.Deliveries().Count >= 6, TimeSpan.FromSeconds(120), "the first messages");
        // Not at once: a delivery just seen is an acknowledgement the dispatcher may not have recorded yet (the window the
        // dispatcher documents); half the server's delay later the next message is in the middle of its transmission.
        await Task.Delay(TimeSpan.FromMilliseconds(150));
        one.Kill();
        var killedAt = DateTime.UtcNow;

        // The survivor takes over the dead one's leased batch (5 s lease) and its fetched job (5 s invisibility).
        await WaitAsync(async () => await reader.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent)) == keys.Count,
            TimeSpan.FromSeconds(120), "every message sent");
        var to = DateTime.UtcNow;
        var slots = Slots(from.AddSeconds(4), to.AddSeconds(-4));
        List<JobRun> runs = [];
        await WaitAsync(async () =>
        {
            runs = await reader.RunsAsync(Job);
            var done = runs.Where(r => r.Outcome == JobRunOutcome.Succeeded).Select(r => r.ScheduledAtUtc).ToHashSet();
            return slots.All(done.Contains) && runs.All(r => r.Outcome != JobRunOutcome.Running || r.ScheduledAtUtc > to);
        }, TimeSpan.FromSeconds(90), "every occurrence run and none left running");

        Assert.True(to - killedAt > TimeSpan.Zero);
        Assert.Equal(runs.Count, runs.Select(r => r.OccurrenceKey).Distinct().Count());
        Assert.DoesNotContain(runs, r => r.Outcome is JobRunOutcome.Skipped or JobRunOutcome.Failed);
        Assert.Contains(runs, r => r.Node.StartsWith("one", StringComparison.Ordinal) && r.ScheduledAtUtc < killedAt);
        Assert.Contains(runs, r => r.Node.StartsWith("two", StringComparison.Ordinal) && r.ScheduledAtUtc > killedAt);

        Assert.Equal(keys.Order(StringComparer.Ordinal), smtp.Deliveries().Select(d => d.Key!).Order(StringComparer.Ordinal));
        // At least once, never more than needed: a message is sent again only if the kill cut its earlier transmission off
        // (the server never acknowledged it) or came between the server's acknowledgement and the dispatcher's record of it
        // (MailDispatcher's documented window: then it was the last message on its connection). The killed process may
        // have had more than one in flight — its Hangfire workers run overlapping dispatch runs, each with its own SMTP
        // connection — and each of those goes once more; no message goes a third time.
        var transmissions = smtp.Transmissions();
        var cutOff = transmissions.Where(t => t.Acknowledged != true).Select(t => t.Key).ToHashSet();
        var lastOnItsConnection = transmissions.Where(t => !t.Duplicate).GroupBy(t => t.Connection)
            .Select(g => g.MaxBy(t => t.Seq)!.Key).ToHashSet();
        var resent = transmissions.Where(t => t.Duplicate).Select(t => t.Key).ToList();
        var detail = string.Join("; ", transmissions.Select(t => $"{t.Seq} {t.Key} dup={t.Duplicate} ack={t.Acknowledged} conn={t.Connection}"));
        Assert.True(resent.Distinct().Count() == resent.Count, "a message was sent again twice: " + detail);
        Assert.True(resent.All(k => cutOff.Contains(k) || lastOnItsConnection.Contains(k)),
            "a message the server had acknowledged, followed by others on its connection, was sent again: " + detail);
        Assert.False(two.HasExited);
    }

    /// <summary>The jobs of both processes and the reader: this job and the mail dispatch every two seconds, no other.</summary>
    private static Dictionary<string, string?> JobSettings() => JobTestApps.Only(Job, new()
    {
        [$"Reception:Jobs:{Job}:Cron"] = "*/2 * * * * *",
        ["Reception:Jobs:MailDispatch:Enabled"] = "true",
        ["Reception:Jobs:MailDispatch:Cron"] = "*/2 * * * * *",
        ["Reception:Jobs:PollingInterval"] = "00:00:01",
        ["Reception:Jobs:InvisibilityTimeout"] = "00:00:05",
        ["Reception:Jobs:DistributedLockTimeout"] = "00:00:05",
        ["Reception:Security:PersonalDataKey"] = Key,
    });

    private static async Task WaitAsync(Func<bool> done, TimeSpan within, string what) => await WaitAsync(() => Task.FromResult(done()), within, what);

    private static async Task WaitAsync(Func<Task<bool>> done, TimeSpan within, string what)
    {
        var until = DateTime.UtcNow + within;
        while (!await done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"waited {within.TotalSeconds} s for {what}");
            await Task.Delay(250);
        }
    }

    /// <summary>The even seconds from <paramref name="start"/> to <paramref name="end"/>: the job's cron times in between.</summary>
    private static List<DateTime> Slots(DateTime start, DateTime end)
    {
        var slot = new DateTime(start.Ticks - start.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        if (slot < start) slot = slot.AddSeconds(1);
        if (slot.Second % 2 == 1) slot = slot.AddSeconds(1);
        var slots = new List<DateTime>();
        for (; slot <= end; slot = slot.AddSeconds(2)) slots.Add(slot);
        return slots;
    }

    private static async Task<List<string>> QueueMailAsync(ReceptionFactory app, int count)
    {
        var now = DateTime.UtcNow;
        var keys = Enumerable.Range(1, count).Select(i => $"loss:{i:00}/user-{i:00}").ToList();
        await app.WithDbAsync(async db =>
        {
            foreach (var key in keys)
                db.OutboxMessages.Add(new OutboxMessage(key, "test", null, $"{key.Split('/')[1]}@demo.reception.invalid", "zh-CN",
                    "值班提醒", "<p>明天您值班。</p>", "明天您值班。", "/Duty", now));
            return await db.SaveChangesAsync();
        });
        return keys;
    }

    /// <summary>The built app (Reception.Web.dll beside this build's output) as a process of its own on a free port.</summary>
    private sealed class AppProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _data;

        private AppProcess(Process process, string data)
        {
            _process = process;
            _data = data;
        }

        public bool HasExited => _process.HasExited;

        public static async Task<AppProcess> StartAsync(string name, string connectionString, int smtpPort)
        {
            // tests/Reception.Web.Tests/bin/{Configuration}/{framework}/ → src/Reception.Web/bin/{Configuration}/{framework}/
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var root = here.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            var dll = Path.Combine(root, "src", "Reception.Web", "bin", here.Parent!.Name, here.Name, "Reception.Web.dll");
            if (!File.Exists(dll)) throw new FileNotFoundException("build the solution first", dll);
            var port = FreePort();
            var data = Directory.CreateTempSubdirectory("reception-loss-").FullName;
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
            start.ArgumentList.Add(dll);
            var settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["Reception__Database__Provider"] = "Postgres",
                ["ConnectionStrings__Reception"] = connectionString,
                ["Reception__DataDirectory"] = data,
                ["Reception__SeedDemoData"] = "false",
                ["Reception__Jobs__Scheduler"] = "true",
                ["Reception__Mail__Host"] = "127.0.0.1",
                ["Reception__Mail__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Reception__Mail__InstanceName"] = name,
                ["Reception__Mail__LeaseSeconds"] = "5",
                ["Reception__Mail__BatchSize"] = "5",
                ["Reception__Mail__FromAddress"] = "reception@demo.reception.invalid",
                ["Logging__LogLevel__Default"] = "Warning",
            };
            foreach (var (k, v) in JobSettings()) settings[k.Replace(":", "__", StringComparison.Ordinal)] = v!;
            foreach (var (k, v) in settings) start.Environment[k] = v;
            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var app = new AppProcess(process, data);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var until = DateTime.UtcNow.AddSeconds(240); // a busy machine starts a process slowly
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"instance {name} exited with {process.ExitCode}");
                try
                {
                    using var health = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                    if (health.StatusCode == HttpStatusCode.OK) return app;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                if (DateTime.UtcNow > until)
                {
                    await app.DisposeAsync();
                    throw new TimeoutException($"instance {name} not healthy within 240 s");
                }
                await Task.Delay(250);
            }
        }

        /// <summary>SIGKILL: no shutdown, no lease given back, no job marked.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
            try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
