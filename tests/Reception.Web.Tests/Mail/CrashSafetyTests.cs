using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Mail;
using Reception.Web.Data;
using Reception.Web.Infrastructure;
using Xunit.Abstractions;

namespace Reception.Web.Tests.Mail;

/// <summary>
/// The real app as a process of its own (dotnet Reception.Web.dll, Hangfire running the MailDispatch job every second) is killed — not stopped —
/// while it waits for a slow SMTP server to confirm a message, and started again.
///
/// The window that remains: the server has stored a message but its "250" has not reached the app (or the app died
/// before writing Sent). The app cannot know whether the message arrived, so after the lease runs out it sends it
/// again. The design narrows this to the messages in flight at the crash (one per instance: messages are sent one at
/// a time and marked Sent at once), and makes the retransmission recognisable: same Message-ID, same X-Reception-Key.
/// The test server, like a receiving store that deduplicates by Message-ID, delivers a key once. This test proves
/// that every message is delivered, none twice, and that only messages whose acknowledgement was lost were sent again.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Messages = 12;

    [Fact]
    public async Task KilledWhileSending_RestartedApp_DeliversEveryMessageOnce()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        smtp.Control(dataDelaySeconds: 0.8);
        var dataDirectory = Directory.CreateTempSubdirectory("reception-crash-").FullName;
        try
        {
            var keys = await QueueAsync(dataDirectory);

            // First run: killed while the server holds a message and has not answered yet.
            using (var app = new AppProcess(dataDirectory, smtp.Port, output))
            {
                var transmissions = await WaitAsync(() => smtp.Transmissions() is { Count: >= 3 } t && t[^1].Acknowledged is null ? t : null,
                    TimeSpan.FromSeconds(60), "three transmissions, the last unanswered");
                app.Kill();
                output.WriteLine($"Killed after {transmissions.Count} transmissions.");
            }
            await Task.Delay(TimeSpan.FromSeconds(1.2)); // the server finishes its delay and logs the lost answer
            var inDoubt = smtp.Transmissions().Where(t => t.Acknowledged == false).Select(t => t.Key).ToHashSet();
            Assert.NotEmpty(inDoubt); // the kill really landed inside the window
            var afterCrash = await RowsAsync(dataDirectory);
            Assert.Contains(afterCrash, r => r.Status == OutboxStatus.Sending); // claimed and left behind by the dead process
            Assert.True(afterCrash.Count(r => r.Status == OutboxStatus.Sent) < Messages);

            // Second run: the leases run out and the rest goes.
            using (var app = new AppProcess(dataDirectory, smtp.Port, output))
            {
                await WaitAsync(async () => (await RowsAsync(dataDirectory)).All(r => r.Status == OutboxStatus.Sent) ? true : (bool?)null,
                    TimeSpan.FromSeconds(90), "every message marked Sent");
                await Task.Delay(TimeSpan.FromSeconds(4)); // longer than a lease: nothing else may go out
                app.Kill();
            }

            var delivered = smtp.Deliveries().Select(d => d.Key!).ToList();
            Assert.Equal(keys.Order(StringComparer.Ordinal), delivered.Order(StringComparer.Ordinal)); // each once
            var all = smtp.Transmissions();
            var retransmitted = all.Where(t => t.Duplicate).Select(t => t.Key).ToList();
            output.WriteLine($"{all.Count} transmissions for {Messages} messages; retransmitted: {string.Join(", ", retransmitted)}; in doubt: {string.Join(", ", inDoubt)}");
            Assert.All(retransmitted, k => Assert.Contains(k, inDoubt)); // only the window's messages were sent again
            Assert.All(all.GroupBy(t => t.Key), g => Assert.True(g.Count() <= 2, $"{g.Key} transmitted {g.Count()} times"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        }
    }

    private static DbContextOptions<AppDbContext> Options(string dataDirectory)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(builder, DatabaseProvider.Sqlite, DatabaseSetup.SqliteConnectionString(dataDirectory));
        return builder.Options;
    }

    /// <summary>Creates the database and queues the messages before the app first starts.</summary>
    private static async Task<List<string>> QueueAsync(string dataDirectory)
    {
        await using var db = new AppDbContext(Options(dataDirectory));
        await db.Database.MigrateAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime; // the app process runs on the real clock
        var keys = Enumerable.Range(1, Messages).Select(i => $"crash:{i:00}/user-{i:00}").ToList();
        foreach (var key in keys)
            db.OutboxMessages.Add(new OutboxMessage(key, "test", null, $"{key.Split('/')[1]}@demo.reception.invalid", "zh-CN",
                "值班提醒", "<p>明天您值班。</p>", "明天您值班。", "/Duty", now));
        await db.SaveChangesAsync();
        return keys;
    }

    private static async Task<List<OutboxMessage>> RowsAsync(string dataDirectory)
    {
        await using var db = new AppDbContext(Options(dataDirectory));
        return await db.OutboxMessages.AsNoTracking().ToListAsync();
    }

    private static async Task<T> WaitAsync<T>(Func<T?> probe, TimeSpan timeout, string what) where T : class =>
        await WaitAsync(() => Task.FromResult(probe()), timeout, what);

    private static async Task<T> WaitAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found) return found;
            if (stopwatch.Elapsed > timeout) throw new TimeoutException($"Waited {timeout} for {what}.");
            await Task.Delay(50);
        }
    }

    private static async Task<bool> WaitAsync(Func<Task<bool?>> probe, TimeSpan timeout, string what) =>
        await WaitAsync<object>(async () => await probe() is true ? new object() : null, timeout, what) is not null;

    /// <summary>The built app (Reception.Web.dll beside the tests) as a child process, its mail going to the test server.</summary>
    private sealed class AppProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();
        private readonly ITestOutputHelper _output;

        public AppProcess(string dataDirectory, int smtpPort, ITestOutputHelper output)
        {
            _output = output;
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = AppContext.BaseDirectory,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Reception.Web.dll"));
            var env = start.Environment;
            env["ASPNETCORE_ENVIRONMENT"] = "Production";
            env["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            env["Reception__DataDirectory"] = dataDirectory;
            env["Reception__SeedDemoData"] = "false";
            env["Reception__Admin__Password"] = "Crash#2026test";
            env["Reception__Security__PersonalDataKey"] = ReceptionFactory.TestPersonalDataKey;
            env["Reception__Mail__Host"] = "127.0.0.1";
            env["Reception__Mail__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // The scheduler's MailDispatch job, every second (the other jobs have nothing to do in this database).
            env["Reception__Jobs__MailDispatch__Cron"] = "* * * * * *";
            env["Reception__Mail__LeaseSeconds"] = "3";
            env["Reception__Mail__BatchSize"] = "4";
            env["Reception__Mail__TimeoutSeconds"] = "20";
            env["Logging__LogLevel__Default"] = "Warning";
            _process = Process.Start(start)!;
            _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public void Kill()
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app had exited ({_process.ExitCode}):\n{_log}");
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
            lock (_log) _output.WriteLine(_log.ToString());
            _process.Dispose();
        }
    }
}
