using Reception.Core.Notifications;
using Reception.Web.Features.Calendar;

namespace Reception.Web.Features.Notifications;

/// <summary>
/// When mail of a kind written now may be sent: at once for an urgent kind (<see cref="NotificationKinds"/>), else now if
/// within working hours on a working day (the holiday calendar), else the next working morning. A year without a holiday
/// arrangement is assumed Monday–Friday, and that is logged as a warning.
/// </summary>
public sealed class WorkingHoursSendTimes(TimeProvider clock, HolidayCalendarService calendars, IOptions<NotificationOptions> options,
    ILogger<WorkingHoursSendTimes> log) : IMailSendTimes
{
    public async Task<DateTime> SendAtAsync(NotificationKind kind, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (kind.Urgency == NotificationUrgency.Immediate) return now;
        var answer = options.Value.WorkingHours().SendTimeFor(kind, now, await calendars.GetAsync(ct));
        if (!answer.IsCertain)
            log.HeldForUnknownYears(kind.Key, answer.UnknownYears, answer.Value);
        return answer.Value;
    }
}
