using System.Text.Json.Nodes;
using Reception.Core.Mail;
using Reception.Core.Notifications;

namespace Reception.Web.Mail;

/// <summary>
/// Hands a robot message of the outbox to a group robot (issue 15, item 12). 企业微信 and 钉钉 group robots both take a
/// JSON POST to their webhook address with a markdown message ({"msgtype":"markdown","markdown":{…}}); 钉钉 wants the
/// request signed with the robot's secret ("&amp;timestamp=…&amp;sign=…", <see cref="UnitRobot.SignedUrl"/>). Both answer
/// 200 with {"errcode":0} when they took it. A 5xx, a timeout or a non-zero errcode is a failure the outbox retries
/// (backoff, then a dead letter); any other 4xx is permanent. Errors never carry the webhook address (its key is a secret).
/// </summary>
public sealed class RobotSender(IHttpClientFactory http, TimeProvider clock)
{
    /// <summary>The named HttpClient robots are posted with (a short timeout: the dispatcher waits for it).</summary>
    public const string ClientName = "robots";

    public async Task SendAsync(OutboxMessage message, string? secret, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = Payload(message.Channel, message.Subject, message.TextBody);
        var url = message.Channel == OutboxChannel.DingTalk
            ? UnitRobot.SignedUrl(message.RecipientAddress, secret, clock.GetUtcNow().ToUnixTimeMilliseconds())
            : message.RecipientAddress;
        using var client = http.CreateClient(ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsJsonAsync(url, payload, ct);
        }
        catch (HttpRequestException e)
        {
            throw new RobotSendException($"The robot could not be reached ({e.HttpRequestError}).");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new RobotSendException("The robot did not answer in time.");
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(ct);
            if (status is >= 400 and < 500 and not 408 and not 429)
                throw new MailRejectedException($"The robot refused the message: HTTP {status} {Short(body)}");
            if (!response.IsSuccessStatusCode) throw new RobotSendException($"The robot answered HTTP {status} {Short(body)}");
            if (ErrorCode(body) is { } code && code != 0) throw new RobotSendException($"The robot answered errcode {code}: {Short(body)}");
        }
    }

    /// <summary>The JSON body of a markdown message for the chat app.</summary>
    public static JsonObject Payload(OutboxChannel channel, string title, string markdown) => channel switch
    {
        OutboxChannel.WeCom => new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["content"] = markdown } },
        OutboxChannel.DingTalk => new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["title"] = title, ["text"] = markdown } },
        _ => throw new ArgumentException("Not a robot channel.", nameof(channel)),
    };

    private static int? ErrorCode(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject o && o["errcode"] is JsonValue v && v.TryGetValue<int>(out var code) ? code : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Short(string body) => body.Length <= 200 ? body : body[..200] + "…";
}

/// <summary>A robot's failure worth retrying.</summary>
public sealed class RobotSendException(string message) : Exception(message);
