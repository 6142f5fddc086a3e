using Reception.Core.Cases;

namespace Reception.Core.Tests.Cases;

/// <summary>
/// Who may do what on a case (<see cref="CaseOperations"/>): the role rules, and the ownership rule of issue 16 item 4 — the
/// registering unit's scope and the units above it manage, handling units record their own work, personal data is unmasked
/// for the owning scope only.
/// </summary>
public sealed class CaseOperationsTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 1, 0, 0, DateTimeKind.Utc);

    // The tree: city 1 → district 10 (registers the cases) → township 11; district 12 → township 30 (receives transfers);
    // departments 20 (handling), 21 (co-handling), 40 (not on the case).
    private static readonly CaseUnitPaths Units = new(new Dictionary<int, string>
    {
        [1] = "/1/", [10] = "/1/10/", [11] = "/1/10/11/", [12] = "/1/12/", [30] = "/1/12/30/", [20] = "/1/20/", [21] = "/1/21/", [40] = "/1/40/",
    });

    private static CaseActor Clerk(string path, string? user = null) => new(true, false, null, null, user, path);
    private static CaseActor Supervisor(string path, string? user = null) => new(false, true, null, null, user, path);

    private static readonly CaseActor CityClerk = Clerk("/1/");
    private static readonly CaseActor OwningClerk = Clerk("/1/10/");
    private static readonly CaseActor TownshipClerkBelowOwner = Clerk("/1/10/11/");
    private static readonly CaseActor HandlingDepartmentClerk = Clerk("/1/20/");
    private static readonly CaseActor ReceivingDistrictClerk = Clerk("/1/12/");
    private static readonly CaseActor CitySupervisor = Supervisor("/1/");
    private static readonly CaseActor HandlingDepartmentSupervisor = Supervisor("/1/20/");
    private static readonly CaseActor Owner = new(false, false, 7, null);
    private static readonly CaseActor Receiver = new(false, false, 8, null);
    private static readonly CaseActor OtherLeader = new(false, false, 9, null);
    private static readonly CaseActor Handler = new(false, false, null, 20);
    private static readonly CaseActor CoHandler = new(false, false, null, 21);
    private static readonly CaseActor ReceivingUnit = new(false, false, null, 30);
    private static readonly CaseActor OtherUnit = new(false, false, null, 40);

    /// <summary>What only the owning scope does: owner, units, flags, deadline, closure, appeal.</summary>
    private static readonly CaseOperation[] Management =
    [
        CaseOperation.Transfer, CaseOperation.Assign, CaseOperation.Close, CaseOperation.Resolve, CaseOperation.FileAppeal, CaseOperation.Terminate,
        CaseOperation.RecordHearing, CaseOperation.SetFlag, CaseOperation.ChangeNumberOfPeople, CaseOperation.ApproveExtension,
        CaseOperation.RefuseExtension, CaseOperation.SetListed,
    ];

    private static bool May(CaseActor who, CaseOperation op, PetitionCase c) => CaseOperations.May(who, op, c, Units);

    private static PetitionCase Registered()
    {
        var c = PetitionCase.Register(new CaseIntake(new CaseNumber("demo", 2026, 1), 10, Channel.Visit, new DateOnly(2026, 11, 2), "land", "征地补偿", null, 1,
            [new CasePetitioner("张三", null, null, null, null)]), "clerk", Now).Value!;
        c.SetSource(null, null, 8);
        return c;
    }

    private static PetitionCase InProgress()
    {
        var c = Registered();
        c.Accept("clerk", Now);
        c.Assign(7, 20, [21], null, null, "clerk", Now);
        c.StartHandling("unit", Now);
        return c;
    }

    [Fact]
    public void Manages_TheRegisteringUnitsScopeAndTheUnitsAboveIt_NotTheUnitsBelowOrBeside()
    {
        var c = InProgress();

        Assert.True(CaseOperations.Manages(CityClerk, c, Units));
        Assert.True(CaseOperations.Manages(OwningClerk, c, Units));
        Assert.True(CaseOperations.Manages(CitySupervisor, c, Units));
        Assert.False(CaseOperations.Manages(TownshipClerkBelowOwner, c, Units));
        Assert.False(CaseOperations.Manages(HandlingDepartmentClerk, c, Units));
        Assert.False(CaseOperations.Manages(HandlingDepartmentSupervisor, c, Units));
        Assert.False(CaseOperations.Manages(Handler, c, Units));
        Assert.False(CaseOperations.Manages(Owner, c, Units));
        Assert.False(CaseOperations.Manages(Clerk("/1/10/"), c, CaseUnitPaths.None)); // an unknown unit is nobody's
        Assert.False(CaseOperations.Manages(CityClerk with { IsClerk = false }, c, Units)); // a path alone is not a role
    }

    [Fact]
    public void HandlingUnitStaff_RecordTheirWork_ButNeverManage()
    {
        var c = InProgress();
        c.RequestExtension(10, "调查取证", "someone-else", Now);

        foreach (var who in new[] { Handler, HandlingDepartmentClerk })
        {
            Assert.True(May(who, CaseOperation.AddProgress, c));
            Assert.True(May(who, CaseOperation.Reply, c));
            foreach (var op in Management) Assert.False(May(who, op, c), $"{who} {op}");
        }

        Assert.True(May(CoHandler, CaseOperation.AddProgress, c));
        Assert.False(May(CoHandler, CaseOperation.Reply, c));
        foreach (var op in Management) Assert.False(May(CoHandler, op, c), op.ToString());
        foreach (var op in Management) Assert.False(May(HandlingDepartmentSupervisor, op, c), op.ToString());
        foreach (var op in Enum.GetValues<CaseOperation>()) Assert.False(May(TownshipClerkBelowOwner, op, c), op.ToString());
    }

    [Fact]
    public void OwningScope_ManagesFromTheRegisteringUnitOrAbove()
    {
        var c = InProgress();
        c.RequestExtension(10, "调查取证", "someone-else", Now);

        foreach (var op in Management.Except([CaseOperation.SetListed]))
        {
            Assert.True(May(CityClerk, op, c), op.ToString());
            Assert.True(May(OwningClerk, op, c), op.ToString());
        }

        Assert.True(May(CitySupervisor, CaseOperation.SetListed, c));
        Assert.True(May(CitySupervisor, CaseOperation.ApproveExtension, c));
        Assert.True(May(Supervisor("/1/10/"), CaseOperation.RefuseExtension, c));
        Assert.False(May(CitySupervisor, CaseOperation.Close, c)); // supervisors supervise; clerks close
    }

    [Fact]
    public void PersonalData_UnmaskedForTheOwningScopeOnly_EveryoneElseOnTheCaseMayReveal()
    {
        var c = InProgress();

        foreach (var who in new[] { CityClerk, OwningClerk, CitySupervisor })
        {
            Assert.True(CaseOperations.SeesPersonalData(who, c, Units));
            Assert.False(CaseOperations.MayReveal(who, c, Units));
        }

        foreach (var who in new[] { HandlingDepartmentClerk, HandlingDepartmentSupervisor, Handler, CoHandler, Owner, Receiver })
        {
            Assert.False(CaseOperations.SeesPersonalData(who, c, Units));
            Assert.True(CaseOperations.MayReveal(who, c, Units));
        }
    }

    [Fact]
    public void Transferred_ReceivingUnitStaffAndTheOwningClerkMayAcceptOrRefuse_OnlyTheReceivingUnitMayObject()
    {
        var c = Registered();
        c.Transfer(30, "clerk", Now);

        foreach (var who in new[] { ReceivingUnit, ReceivingDistrictClerk })
        {
            Assert.True(May(who, CaseOperation.Accept, c));
            Assert.True(May(who, CaseOperation.RejectAcceptance, c));
            Assert.True(May(who, CaseOperation.RecordObjection, c));
            Assert.False(May(who, CaseOperation.Transfer, c));
        }

        Assert.True(May(OwningClerk, CaseOperation.Accept, c));
        Assert.False(May(OwningClerk, CaseOperation.RecordObjection, c));
        Assert.False(May(CityClerk, CaseOperation.RecordObjection, c)); // the city holds the receiving unit too, but it owns the case
        Assert.False(May(OtherUnit, CaseOperation.Accept, c));
        Assert.False(May(Owner, CaseOperation.Accept, c));
    }

    [Fact]
    public void InProgress_HandlingUnitAndOwningClerkWork_CoHandlingUnitReportsProgressOnly_LeadersInstruct()
    {
        var c = InProgress();

        foreach (var op in new[] { CaseOperation.StartHandling, CaseOperation.AddProgress, CaseOperation.Reply, CaseOperation.Evaluate, CaseOperation.RequestExtension })
        {
            Assert.True(May(Handler, op, c), op.ToString());
            Assert.True(May(OwningClerk, op, c), op.ToString());
            Assert.False(May(OtherUnit, op, c), op.ToString());
            Assert.False(May(Owner, op, c), op.ToString());
        }

        Assert.True(May(CoHandler, CaseOperation.AddProgress, c));
        Assert.False(May(CoHandler, CaseOperation.Reply, c));
        Assert.True(May(Owner, CaseOperation.AddInstruction, c));
        Assert.True(May(Receiver, CaseOperation.AddInstruction, c));
        Assert.False(May(OtherLeader, CaseOperation.AddInstruction, c));
        Assert.False(May(OwningClerk, CaseOperation.AddInstruction, c));
        Assert.True(May(Owner, CaseOperation.SetChecklistItem, c));
        Assert.False(May(Receiver, CaseOperation.SetChecklistItem, c));
        Assert.False(May(HandlingDepartmentClerk, CaseOperation.SetChecklistItem, c));
    }

    [Fact]
    public void ClerkOnlyAndSupervisorOnlyOperations_AreAllowedOnlyToThoseRoles()
    {
        var c = InProgress();

        foreach (var op in new[] { CaseOperation.Transfer, CaseOperation.Close, CaseOperation.Resolve, CaseOperation.FileAppeal, CaseOperation.Terminate,
                     CaseOperation.RecordHearing, CaseOperation.SetFlag, CaseOperation.ChangeNumberOfPeople, CaseOperation.Assign })
        {
            Assert.True(May(OwningClerk, op, c), op.ToString());
            Assert.False(May(Handler, op, c), op.ToString());
            Assert.False(May(CitySupervisor, op, c), op.ToString());
            Assert.False(May(Owner, op, c), op.ToString());
        }

        Assert.True(May(CitySupervisor, CaseOperation.SetListed, c));
        Assert.False(May(OwningClerk, CaseOperation.SetListed, c));
        Assert.True(May(CitySupervisor, CaseOperation.ApproveExtension, c));
        Assert.True(May(OwningClerk, CaseOperation.RefuseExtension, c));
        Assert.False(May(Handler, CaseOperation.ApproveExtension, c));
    }

    [Fact]
    public void Offered_FollowsTheState_AndNeverOffersTheAssignmentPageAsAForm()
    {
        var registered = Registered();
        var working = InProgress();
        var replied = InProgress();
        replied.Reply("答复意见", new DateOnly(2026, 11, 2), "unit", Now);

        Assert.Equal(
            new[] { CaseOperation.Accept, CaseOperation.RejectAcceptance, CaseOperation.Transfer, CaseOperation.SetFlag, CaseOperation.ChangeNumberOfPeople }.Order(),
            CaseOperations.Offered(OwningClerk, registered, Units).Order());
        Assert.Equal(
            new[] { CaseOperation.AddProgress, CaseOperation.Reply, CaseOperation.RequestExtension }.Order(),
            CaseOperations.Offered(Handler, working, Units).Order());
        Assert.Equal(CaseOperations.Offered(Handler, working, Units).Order(), CaseOperations.Offered(HandlingDepartmentClerk, working, Units).Order());
        Assert.Equal(new[] { CaseOperation.Evaluate }, CaseOperations.Offered(Handler, replied, Units));
        Assert.Contains(CaseOperation.FileAppeal, CaseOperations.Offered(OwningClerk, replied, Units));
        Assert.DoesNotContain(CaseOperation.Terminate, CaseOperations.Offered(OwningClerk, replied, Units)); // only a 复核 case is terminated
        Assert.DoesNotContain(CaseOperation.Assign, CaseOperations.Offered(OwningClerk, working, Units));
        Assert.Empty(CaseOperations.Offered(OtherUnit, working, Units));

        working.RequestExtension(10, "调查取证", "unit", Now);
        Assert.DoesNotContain(CaseOperation.RequestExtension, CaseOperations.Offered(Handler, working, Units));
        Assert.Contains(CaseOperation.ApproveExtension, CaseOperations.Offered(CitySupervisor, working, Units));
        Assert.DoesNotContain(CaseOperation.ApproveExtension, CaseOperations.Offered(HandlingDepartmentSupervisor, working, Units));
    }

    [Fact]
    public void ApproveExtension_NotForWhoeverRequestedIt()
    {
        var c = InProgress();
        c.RequestExtension(10, "调查取证", "clerk-a", Now);
        var requester = OwningClerk with { UserId = "clerk-a" };
        var colleague = OwningClerk with { UserId = "clerk-b" };
        var head = CitySupervisor with { UserId = "sup-1" };

        Assert.False(May(requester, CaseOperation.ApproveExtension, c));
        Assert.DoesNotContain(CaseOperation.ApproveExtension, CaseOperations.Offered(requester, c, Units));
        Assert.Contains(CaseOperation.RefuseExtension, CaseOperations.Offered(requester, c, Units)); // withdraw
        Assert.True(May(colleague, CaseOperation.ApproveExtension, c));
        Assert.True(May(head, CaseOperation.ApproveExtension, c));
    }
}
