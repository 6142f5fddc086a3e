using Reception.Core.Rotas;
using static Reception.Core.Tests.Rotas.RotaTestData;

namespace Reception.Core.Tests.Rotas;

/// <summary>A session the clerk closed on purpose (本时段不安排值班) is no duty slot: nothing generated, nobody's turn, no gap warning.</summary>
public sealed class RotaGeneratorClosedSlotTests
{
    [Fact]
    public void Generate_AClosedSession_GetsNoDutyNoWarning_AndTheRotationContinuesAsIfItWereNoDutyDay()
    {
        var rule = Rotation(3);
        var closed = RotaGenerator.Generate(Request(rule, "2026-09-07", "2026-09-11") with { Closed = [new ClosedSlot(D("2026-09-08"), 0)] });

        Assert.Equal(["2026-09-07/0=1", "2026-09-09/0=2", "2026-09-10/0=3", "2026-09-11/0=1"], Slots(closed));
        Assert.DoesNotContain(closed.Warnings, w => w.Kind == RotaWarningKind.Uncovered);
        Assert.All(closed.OwedLedger, e => Assert.Equal(0, e.OwedAfter));
    }

    [Fact]
    public void Generate_OneSessionOfTwoClosed_TheOtherIsStillGenerated()
    {
        var rule = Rotation(2, MorningAfternoon);

        var result = RotaGenerator.Generate(Request(rule, "2026-09-07", "2026-09-07") with { Closed = [new ClosedSlot(D("2026-09-07"), 1)] });

        Assert.Equal(["2026-09-07/0=1"], Slots(result));
    }

    [Fact]
    public void Generate_AKeptAssignmentOnAClosedSession_StillWins()
    {
        var rule = Rotation(3);
        var request = Request(rule, "2026-09-07", "2026-09-07") with
        {
            Closed = [new ClosedSlot(D("2026-09-07"), 0)],
            Kept = [new KeptAssignment(D("2026-09-07"), 0, 2, AssignmentSource.ManualOverride)],
        };

        Assert.Equal(["2026-09-07/0=2"], Slots(RotaGenerator.Generate(request)));
    }
}
