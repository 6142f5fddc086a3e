using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Reception.Core.Mail;
using Reception.Web.Mail;

namespace Reception.Web.Tests.Mail;

/// <summary>A demo app whose dispatcher claims batches of four, sending to its own SMTP server (plain text).</summary>
public sealed class BatchingSmtpMailApp() : AppFixture(app => app.WithClock(MailTesting.Clock()).MailToOwnSmtp(adjust: o => o.BatchSize = BatchSize).DrainingSeedMail())
{
    public const int BatchSize = 4;
}

/// <summary>
/// One SMTP connection per claimed batch, counted at the server; what a refusal does to its message and to the batch;
/// a connection the server closes mid-batch is replaced without losing or repeating a message.
/// </summary>
public sealed class SmtpConnectionTests(BatchingSmtpMailApp fixture) : IClassFixture<BatchingSmtpMailApp>
{
    private ReceptionFactory App => fixture.App;
    private SmtpTestServer Smtp => fixture.Smtp;
    private FakeTimeProvider Clock => fixture.Clock;

    [Fact]
    public async Task Dispatch_SendsEachClaimedBatchOverOneConnection()
    {
        var keys = await QueueAsync("batch:", 1, 2, 3, 4, 5, 6);
        var before = Smtp.Connections();

        var result = await App.DispatchAsync();

        Assert.Equal((6, 6, 0), (result.Claimed, result.Sent, result.Failed));
        Assert.Equal(2, Smtp.Connections() - before); // two claims of at most four, not six connections
        var perConnection = Smtp.Transmissions().Where(t => keys.Contains(t.Key)).GroupBy(t => t.Connection).Select(g => g.Count());
        Assert.Equal([4, 2], perConnection);
        Assert.Equal(keys.Order(StringComparer.Ordinal), Smtp.Deliveries().Select(d => d.Key!).Where(keys.Contains).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("RCPT", "550 5.1.1 <leader08@demo.reception.invalid>: Recipient address rejected", true)]
    [InlineData("RCPT", "452 4.2.2 Mailbox full", false)]
    [InlineData("DATA", "554 5.6.0 Message content rejected", true)]
    [InlineData("DATA", "451 4.3.0 Temporary local problem", false)]
    public async Task RefusalOfOneMessage_5xxDeadLettersAtOnce_4xxIsRetriedWithBackoff_TheBatchGoesOnOverItsConnection(string stage, string reply, bool permanent)
    {
        var keys = await QueueAsync($"refusal-{stage}-{reply[..3]}:", 7, 8, 9);
        var refusedKey = keys[1];
        var refusal = new Dictionary<string, string> { ["leader08@demo.reception.invalid"] = reply };
        var before = Smtp.Connections();
        if (stage == "RCPT") Smtp.Control(rcptReplies: refusal); else Smtp.Control(dataReplies: refusal);
        DispatchResult result;
        try
        {
            result = await App.DispatchAsync();
        }
        finally
        {
            Smtp.Control();
        }

        Assert.Equal((3, 2, 1, permanent ? 1 : 0), (result.Claimed, result.Sent, result.Failed, result.DeadLettered));
        Assert.Equal(1, Smtp.Connections() - before); // the refusal did not cost the connection
        var refused = await App.OutboxMessageAsync(refusedKey);
        var now = Clock.GetUtcNow().UtcDateTime;
        if (permanent)
            Assert.Equal((OutboxStatus.DeadLetter, 1), (refused.Status, refused.Attempts));
        else
            Assert.Equal((OutboxStatus.Pending, 1, now.AddSeconds(60)), (refused.Status, refused.Attempts, refused.NextAttemptAtUtc));
        Assert.Contains(reply[..3], refused.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("leader08", refused.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(Smtp.Deliveries(), d => d.Key == refusedKey);
        Assert.All([keys[0], keys[2]], k => Assert.Single(Smtp.Deliveries(), d => d.Key == k));

        // A temporary refusal is tried again when its backoff is over, and then delivered; a dead letter is not.
        Clock.Advance(TimeSpan.FromSeconds(60));
        var retry = await App.DispatchAsync();
        Assert.Equal(permanent ? 0 : 1, retry.Sent);
        Assert.Equal(permanent ? 0 : 1, Smtp.Deliveries().Count(d => d.Key == refusedKey));
    }

    [Theory]
    [InlineData("421")]  // "too many messages on this connection", then it hangs up
    [InlineData("drop")] // hangs up without a word, as after an idle timeout
    public async Task ServerClosesTheConnectionMidBatch_TheRestGoesOverANewOne_EachMessageOnce(string overLimit)
    {
        var keys = await QueueAsync($"limit-{overLimit}:", 10, 11, 12, 1);
        var before = Smtp.Connections();
        Smtp.Control(connectionLimit: 2, overLimit: overLimit);
        DispatchResult result;
        try
        {
            result = await App.DispatchAsync();
        }
        finally
        {
            Smtp.Control();
        }

        Assert.Equal((4, 4, 0), (result.Claimed, result.Sent, result.Failed)); // one batch, nothing failed
        Assert.Equal(2, Smtp.Connections() - before);
        var transmissions = Smtp.Transmissions().Where(t => keys.Contains(t.Key)).ToList();
        Assert.Equal([2, 2], transmissions.GroupBy(t => t.Connection).Select(g => g.Count()));
        Assert.DoesNotContain(transmissions, t => t.Duplicate);
        Assert.Equal(keys.Order(StringComparer.Ordinal), transmissions.Select(t => t.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ServerThatNeverAnswers_TheBatchTriesOneConnection_AndItsOtherMessagesFailAtOnce()
    {
        // Accepts connections and says nothing, as a hung server or a firewall that swallows the greeting.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await silent.AcceptTcpClientAsync(stop.Token);
                    lock (accepted) accepted.Add(client);
                }
            }
            catch (OperationCanceledException)
            {
                // The test is over.
            }
        });
        var options = new MailOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)silent.LocalEndpoint).Port,
            TimeoutSeconds = 1,
            FromAddress = "reception@demo.reception.invalid",
        };
        var sender = new SmtpMailSender(Options.Create(options), Clock, NullLogger<SmtpMailSender>.Instance);
        try
        {
            await using var session = sender.OpenSession();
            var first = await Assert.ThrowsAnyAsync<Exception>(() => session.SendAsync(Mail("silent:1"), default));
            var stopwatch = Stopwatch.StartNew();
            var second = await Assert.ThrowsAnyAsync<Exception>(() => session.SendAsync(Mail("silent:2"), default));
            var third = await Assert.ThrowsAnyAsync<Exception>(() => session.SendAsync(Mail("silent:3"), default));

            Assert.IsType<TimeoutException>(first);
            Assert.Same(first, second); // the same failure, not another wait
            Assert.Same(first, third);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"the later messages waited {stopwatch.Elapsed}");
            lock (accepted) Assert.Single(accepted);
        }
        finally
        {
            await stop.CancelAsync();
            await accepting;
            silent.Stop();
            lock (accepted) accepted.ForEach(c => c.Dispose());
        }
    }

    private static OutgoingMail Mail(string key) => new(key, "leader01@demo.reception.invalid", "值班提醒", "明天您值班。", "<p>明天您值班。</p>");

    /// <summary>One message to each of the demo leaders numbered <paramref name="leaders"/>, in this order; their keys.</summary>
    private async Task<List<string>> QueueAsync(string occurrencePrefix, params int[] leaders)
    {
        var keys = new List<string>();
        foreach (var n in leaders)
        {
            var user = $"leader{n:00}";
            var occurrence = PageTesting.Unique(occurrencePrefix);
            await App.NotifyAsync(user, occurrence);
            keys.Add(MailOutbox.KeyFor(occurrence, await App.UserIdAsync(user)));
        }
        return keys;
    }
}
