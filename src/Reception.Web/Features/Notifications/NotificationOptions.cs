using Reception.Core.Notifications;

namespace Reception.Web.Features.Notifications;

/// <summary>The "Reception:Notifications" configuration section (environment variables "Reception__Notifications__…").</summary>
public sealed class NotificationOptions
{
    public const string Section = "Reception:Notifications";

    /// <summary>Start of the working day, China time ("HH:mm"): non-urgent email written earlier, or on a day off, waits for it.</summary>
    public string WorkingHoursStart { get; set; } = "08:30";

    /// <summary>End of the working day, China time ("HH:mm", exclusive).</summary>
    public string WorkingHoursEnd { get; set; } = "17:30";

    /// <summary>
    /// Whether a non-urgent kind's email goes in the daily digest for a user who has not chosen (the default, issue 15
    /// item 11). False: each such email on its own, in working hours, as before the digest existed.
    /// </summary>
    public bool DigestByDefault { get; set; } = true;

    /// <summary>
    /// Group robots may have their webhook on any host over http or https (a private deployment's proxy, a test receiver);
    /// otherwise only the kind's own host over https.
    /// </summary>
    public bool RobotsAnyHost { get; set; }

    /// <summary>The configured hours; an unreadable or empty setting fails loudly rather than mailing at night.</summary>
    public WorkingHours WorkingHours() => new(Parse(WorkingHoursStart, nameof(WorkingHoursStart)), Parse(WorkingHoursEnd, nameof(WorkingHoursEnd)));

    private static TimeOnly Parse(string text, string name) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : throw new InvalidOperationException($"{Section}:{name} must be a time of day like \"08:30\", not \"{text}\".");
}
