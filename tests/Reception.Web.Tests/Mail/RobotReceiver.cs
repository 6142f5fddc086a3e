using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reception.Web.Tests.Mail;

/// <summary>
/// A group robot's webhook on loopback (HttpListener): it records every request (path and query, body) and answers with
/// the statuses queued by the test, then 200 {"errcode":0,"errmsg":"ok"} as 企业微信 and 钉钉 do.
/// </summary>
public sealed class RobotReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(int Status, string Body)> _answers = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly Task _loop;

    public RobotReceiver()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>A webhook address on this receiver, e.g. Url("/robot/send?access_token=abc").</summary>
    public string Url(string pathAndQuery) => $"http://127.0.0.1:{Port}{pathAndQuery}";

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToList();

    /// <summary>The next requests get these answers, in order.</summary>
    public void Answer(int status, string body = "") => _answers.Enqueue((status, body));

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            _requests.Enqueue(new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.ContentType, body));
            var (status, answer) = _answers.TryDequeue(out var a) ? a : (200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}

public sealed record ReceivedRequest(string Method, string PathAndQuery, string? ContentType, string Body)
{
    public System.Text.Json.Nodes.JsonNode Json => System.Text.Json.Nodes.JsonNode.Parse(Body)!;

    /// <summary>A query parameter, decoded once (as the robot's server reads it).</summary>
    public string? Query(string name) => System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + PathAndQuery).Query)[name];
}
