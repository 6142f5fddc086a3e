using Reception.Core.Cases;

namespace Reception.Core.Tests.Cases;

/// <summary>Builds cases in a given state by going through the real operations.</summary>
internal static class CaseBuilder
{
    public const string Clerk = "clerk-1";
    public static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
    public static readonly DateOnly Received = new(2026, 3, 2);
    private static int sequence;

    public static CaseNumber NextNumber() => new("demo", 2026, Interlocked.Increment(ref sequence));

    public static CasePetitioner Petitioner(string name = "张三", string? id = "11010519491231002X") =>
        new(name, id, "13812345678", "东城区", "北京市东城区东华门街道1号");

    public static PetitionCase New(int people = 1, CasePetitioner[]? petitioners = null)
    {
        var r = PetitionCase.Register(new CaseIntake(NextNumber(), 10, Channel.Visit, Received, "land", "征地补偿", "详细内容", people,
            petitioners ?? [Petitioner()]), Clerk, T0);
        Assert.True(r.Succeeded, r.Error?.ToString());
        return r.Value;
    }

    public static void Ok(CaseResult r) => Assert.True(r.Succeeded, r.Error?.ToString());

    public static PetitionCase InState(CaseState state, AppealLevel level = AppealLevel.Original)
    {
        var c = New();
        for (var l = AppealLevel.Original; l < level; l++)
        {
            Drive(c, CaseState.Replied);
            var appeal = c.FileAppeal(NextNumber(), 20 + (int)l, Channel.Letter, new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 1), Clerk, T0.AddDays(30));
            Assert.True(appeal.Succeeded, appeal.Error?.ToString());
            c = appeal.Value;
        }

        Drive(c, state);
        Assert.Equal(state, c.State);
        Assert.Equal(level, c.AppealLevel);
        return c;
    }

    private static void Drive(PetitionCase c, CaseState target)
    {
        var t = T0.AddDays(1);
        switch (target)
        {
            case CaseState.Registered: return;
            case CaseState.Transferred: Ok(c.Transfer(30, Clerk, t)); return;
            case CaseState.NotAccepted: Ok(c.RejectAcceptance("不属于信访事项", Clerk, t)); return;
            case CaseState.Terminated:
                Drive(c, CaseState.Replied);
                Ok(c.Terminate(Clerk, t.AddDays(40)));
                return;
        }

        Ok(c.Accept(Clerk, t));
        if (target == CaseState.Accepted) return;
        Ok(c.Assign(7, 40, [41, 42], 43, "supervisor-1", Clerk, t.AddDays(1)));
        if (target == CaseState.Assigned) return;
        Ok(c.StartHandling(Clerk, t.AddDays(2)));
        if (target == CaseState.InProgress) return;
        Ok(c.Reply("答复意见", c.ReceivedOn.AddDays(20), Clerk, t.AddDays(20)));
        if (target == CaseState.Replied) return;
        Ok(c.Evaluate(Evaluation.Satisfied, Clerk, t.AddDays(25)));
        if (target == CaseState.Evaluated) return;
        Ok(c.Close(Clerk, t.AddDays(26)));
    }
}
