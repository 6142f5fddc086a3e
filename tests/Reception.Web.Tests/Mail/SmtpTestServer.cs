using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reception.Web.Tests.Mail;

/// <summary>
/// The real SMTP server (Debian's aiosmtpd, driven by Mail/smtp/server.py) on a free loopback port, with a folder of
/// its own. It can be stopped and started again on the same port, made slow or made to refuse; it records every
/// connection, every transmission with its X-Reception-Key, and keeps the first of each key as a delivery (see
/// server.py). With a <see cref="SmtpServerSetup"/> it requires STARTTLS, speaks implicit TLS, or requires a login.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3"; // Debian's, which sees python3-aiosmtpd
    public static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Mail", "smtp", "server.py");

    private Process? _process;

    private readonly SmtpServerSetup _setup;

    private SmtpTestServer(int port, string directory, SmtpServerSetup setup)
    {
        Port = port;
        Directory = directory;
        _setup = setup;
    }

    public int Port { get; }
    public string Directory { get; }
    public bool IsRunning => _process is { HasExited: false };

    public static async Task<SmtpTestServer> StartAsync(SmtpServerSetup? setup = null)
    {
        var server = new SmtpTestServer(FreePort(), System.IO.Directory.CreateTempSubdirectory("reception-smtp-").FullName, setup ?? new SmtpServerSetup());
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        if (IsRunning) throw new InvalidOperationException("The SMTP server is running already.");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Script, "serve", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", Directory })
            start.ArgumentList.Add(arg);
        foreach (var arg in _setup.Arguments()) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        _process = process;
        var ready = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(20))) != ready || await ready != "READY")
        {
            var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "(no READY within 20 s)";
            await StopAsync();
            throw new InvalidOperationException($"The SMTP test server did not start on port {Port}: {error}");
        }
    }

    /// <summary>Kills the server: connections are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } p) return;
        if (!p.HasExited) p.Kill(entireProcessTree: true);
        await p.WaitForExitAsync();
        p.Dispose();
        _process = null;
    }

    /// <summary>Changes how the server behaves from its next command on (see server.py's control.json).</summary>
    /// <param name="rcptReplies">Refuse these recipients (address → reply), take the others.</param>
    /// <param name="dataReplies">Refuse the messages to these recipients at the end of DATA (address → reply).</param>
    /// <param name="connectionLimit">Take this many messages per connection; then <paramref name="overLimit"/> "421" answers the next MAIL with 421 and hangs up, "drop" hangs up without a word.</param>
    public void Control(double? dataDelaySeconds = null, string? dataReply = null, string? rcptReply = null,
        IReadOnlyDictionary<string, string>? rcptReplies = null, IReadOnlyDictionary<string, string>? dataReplies = null,
        int? connectionLimit = null, string overLimit = "421")
    {
        var control = new Dictionary<string, object>();
        if (dataDelaySeconds is { } delay) control["data_delay"] = delay;
        if (dataReply is not null) control["data_reply"] = dataReply;
        if (rcptReply is not null) control["rcpt_reply"] = rcptReply;
        if (rcptReplies is not null) control["rcpt_replies"] = rcptReplies;
        if (dataReplies is not null) control["data_replies"] = dataReplies;
        if (connectionLimit is { } limit)
        {
            control["connection_limit"] = limit;
            control["over_limit"] = overLimit;
        }
        var path = Path.Combine(Directory, "control.json");
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(control));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Every message the server stored (the first transmission of each key), oldest first.</summary>
    public IReadOnlyList<ReceivedMail> Deliveries()
    {
        var folder = Path.Combine(Directory, "deliveries");
        if (!System.IO.Directory.Exists(folder)) return [];
        return System.IO.Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonSerializer.Deserialize<ReceivedMail>(File.ReadAllText(f))!).ToList();
    }

    /// <summary>
    /// Every transmission that reached the end of DATA, duplicates included, with whether its 250 reached the client,
    /// the connection it came on, that connection's TLS version (null for plain text) and the login it was sent under.
    /// </summary>
    public IReadOnlyList<Transmission> Transmissions()
    {
        var entries = LogEntries();
        var answers = entries.Where(e => e.Event == "answer").ToDictionary(e => e.Seq, e => e.Acknowledged);
        return entries.Where(e => e.Event == "transmission")
            .Select(e => new Transmission(e.Seq, e.Key ?? "", e.Duplicate, answers.TryGetValue(e.Seq, out var ack) ? ack : null, e.Connection, e.Tls, e.Login))
            .ToList();
    }

    /// <summary>How many connections the server has accepted (with implicit TLS: completed the handshake of).</summary>
    public int Connections() => LogEntries().Count(e => e.Event == "connect");

    private List<LogEntry> LogEntries()
    {
        var path = Path.Combine(Directory, "transmissions.jsonl");
        if (!File.Exists(path)) return [];
        return File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<LogEntry>(l)!).ToList();
    }

    /// <summary>Waits until <paramref name="condition"/> holds of the deliveries, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForDeliveriesAsync(Func<IReadOnlyList<ReceivedMail>, bool> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var deliveries = Deliveries();
            if (condition(deliveries)) return deliveries;
            if (stopwatch.Elapsed > timeout)
                throw new TimeoutException($"After {timeout} the SMTP server holds {deliveries.Count} deliveries: {string.Join(", ", deliveries.Select(d => d.Key))}");
            await Task.Delay(100);
        }
    }

    /// <summary>The parsed summary of an .eml file, by the same Python email parser.</summary>
    public static async Task<ReceivedMail> ParseAsync(string emlFile)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add("parse");
        start.ArgumentList.Add(emlFile);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"Parsing {emlFile} failed: {error}");
        return JsonSerializer.Deserialize<ReceivedMail>(output)!;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record LogEntry(
        [property: JsonPropertyName("event")] string Event,
        [property: JsonPropertyName("seq")] int Seq,
        [property: JsonPropertyName("key")] string? Key,
        [property: JsonPropertyName("duplicate")] bool Duplicate,
        [property: JsonPropertyName("acknowledged")] bool? Acknowledged,
        [property: JsonPropertyName("connection")] int Connection,
        [property: JsonPropertyName("tls")] string? Tls,
        [property: JsonPropertyName("login")] string? Login);
}

public sealed record Transmission(int Seq, string Key, bool Duplicate, bool? Acknowledged, int Connection = 0, string? Tls = null, string? Login = null);

/// <summary>How the test server protects its connections and whom it lets send (server.py's --starttls, --implicit-tls, --auth).</summary>
public sealed record SmtpServerSetup(TestCertificate? StartTls = null, TestCertificate? ImplicitTls = null, string? User = null, string? Password = null)
{
    public IReadOnlyList<string> Arguments()
    {
        var arguments = new List<string>();
        if (StartTls is { } starttls) arguments.AddRange(["--starttls", starttls.CertificatePath, starttls.KeyPath]);
        if (ImplicitTls is { } implicitTls) arguments.AddRange(["--implicit-tls", implicitTls.CertificatePath, implicitTls.KeyPath]);
        if (User is not null) arguments.AddRange(["--auth", User, Password ?? ""]);
        return arguments;
    }
}

public sealed record ReceivedMail(
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("message_id")] string? MessageId,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("parts")] IReadOnlyList<MailPart> Parts,
    [property: JsonPropertyName("raw_headers")] string RawHeaders,
    [property: JsonPropertyName("defects")] IReadOnlyList<string> Defects,
    [property: JsonPropertyName("envelope_to")] IReadOnlyList<string>? EnvelopeTo)
{
    public MailPart Part(string contentType) => Parts.Single(p => p.ContentType == contentType);
}

public sealed record MailPart(
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("charset")] string? Charset,
    [property: JsonPropertyName("transfer_encoding")] string? TransferEncoding,
    [property: JsonPropertyName("content")] string Content);
