using Reception.Core.Notifications;

namespace Reception.Core.Tests.Notifications;

public class NotificationChoiceTests
{
    [Fact]
    public void MandatoryKinds_AreOnWhateverIsStored()
    {
        var off = new NotificationChoice(false, false);

        Assert.Equal(NotificationChoice.Default, NotificationChoice.Effective(NotificationKinds.Overdue, off));
        Assert.Equal(NotificationChoice.Default, NotificationChoice.Effective(NotificationKinds.Escalation, off));
        Assert.Equal(off, NotificationChoice.Effective(NotificationKinds.Swap, off));
        Assert.Equal(NotificationChoice.DefaultDigest, NotificationChoice.Effective(NotificationKinds.Swap, null)); // the daily digest by default
        Assert.Equal(NotificationChoice.Default, NotificationChoice.Effective(NotificationKinds.Swap, null, digestByDefault: false));
    }

    [Fact]
    public void TurningOffAMandatoryKind_IsRefused_OptionalKindsMayBeTurnedOff()
    {
        var refusal = NotificationChoice.Validate(NotificationKinds.Escalation, new NotificationChoice(true, false), "升级督办");

        Assert.NotNull(refusal);
        Assert.Equal(NotificationMessages.Mandatory, refusal!.Key);
        Assert.Equal(["升级督办"], refusal.Args);
        Assert.Null(NotificationChoice.Validate(NotificationKinds.Escalation, NotificationChoice.Default, "升级督办"));
        Assert.Null(NotificationChoice.Validate(NotificationKinds.CaseAssigned, new NotificationChoice(false, false), "包案"));
    }

    [Fact]
    public void OnlyOverdueAndEscalation_AreMandatory() =>
        Assert.Equal(["escalation", "overdue"], NotificationKinds.All.Where(k => !k.Optional).Select(k => k.Key).Order());
}
