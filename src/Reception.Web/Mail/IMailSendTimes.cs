using Reception.Core.Notifications;

namespace Reception.Web.Mail;

/// <summary>
/// When mail of a kind written now may leave; the outbox asks it for every message it queues. The app's answer — urgent
/// kinds at once, the others within working hours on working days — is the notifications feature's, which registers it.
/// </summary>
public interface IMailSendTimes
{
    Task<DateTime> SendAtAsync(NotificationKind kind, CancellationToken ct = default);
}
