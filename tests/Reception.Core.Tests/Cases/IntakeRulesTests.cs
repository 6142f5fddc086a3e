using Reception.Core.Cases;

namespace Reception.Core.Tests.Cases;

public class IntakeRulesTests
{
    private const string A = "11010519491231002X";
    private static readonly string B = IdNumbers.Make("420106", "19850315", "123");
    private static readonly string C = IdNumbers.Make("410105", "19700101", "456");
    private const string City = "/demo/";
    private const string Township = "/demo/dongcheng/";
    private const string Village = "/demo/dongcheng/xincun/";

    private static EarlierCase Earlier(int id, string id1, CaseState state = CaseState.InProgress, string path = Township,
        bool inTime = true, bool terminated = false) =>
        new(id, $"demo-2026-{id:D6}", [id1], state, path, inTime, terminated);

    [Fact]
    public void NoIdNumbers_NoFindings()
    {
        var a = IntakeRules.Assess([null, " "], City, [Earlier(1, A)]);
        Assert.Empty(a.Findings);
        Assert.Equal(CaseFlags.None, a.Flags);
    }

    [Fact]
    public void OtherPetitionersCases_AreIgnored()
    {
        Assert.Empty(IntakeRules.Assess([B], City, [Earlier(1, A), Earlier(2, C)]).Findings);
    }

    [Fact]
    public void SameIdNumber_SuggestsARepeatWithAMaskedReason()
    {
        var a = IntakeRules.Assess([B, "11010519491231002x"], Township, [Earlier(5, A, CaseState.Closed), Earlier(3, A, CaseState.Closed), Earlier(4, C)]);
        Assert.Equal([3, 5], a.RepeatCandidateIds);
        Assert.Equal(CaseFlags.Repeat, a.Flags);
        var f = a.Findings[0];
        Assert.Equal(IntakeRules.RepeatKey, f.Reason.Key);
        Assert.Equal("A petitioner with ID number 1101**********002X already has case demo-2026-000003.", f.Reason.ToString());
    }

    [Fact]
    public void FullWidthNumbers_Match()
    {
        Assert.Equal([1], IntakeRules.Assess(["１１０１０５１９４９１２３１００２Ｘ"], City, [Earlier(1, A, CaseState.Closed)]).RepeatCandidateIds);
    }

    [Theory]
    [InlineData(CaseState.InProgress, Township, true, City, true)]   // open, in time, lower level: 越级
    [InlineData(CaseState.Registered, Village, true, City, true)]    // two levels below
    [InlineData(CaseState.Replied, Township, true, City, true)]      // replied but not closed is still open
    [InlineData(CaseState.InProgress, Township, false, City, false)] // the lower level ran out of time
    [InlineData(CaseState.Closed, Township, true, City, false)]      // finished
    [InlineData(CaseState.NotAccepted, Township, true, City, false)]
    [InlineData(CaseState.InProgress, Township, true, Township, false)] // same level
    [InlineData(CaseState.InProgress, City, true, Township, false)]     // filed lower than the earlier one
    [InlineData(CaseState.InProgress, "/demo/dongchengxi/", true, Township, false)] // a sibling whose code only shares a prefix
    public void Level_Skipping(CaseState state, string earlierPath, bool inTime, string filingPath, bool expected)
    {
        var a = IntakeRules.Assess([A], filingPath, [Earlier(9, A, state, earlierPath, inTime)]);
        Assert.Equal(expected, a.Flags.HasFlag(CaseFlags.LevelSkipping));
        Assert.True(a.Flags.HasFlag(CaseFlags.Repeat));
        if (expected)
        {
            var f = Assert.Single(a.Findings, x => x.Flag == CaseFlags.LevelSkipping);
            Assert.Equal(9, f.LinkedCaseId);
            Assert.Equal("Case demo-2026-000009 of the same petitioner is still being handled in time at a lower level.", f.Reason.ToString());
        }
    }

    [Theory]
    [InlineData(CaseState.Terminated, false, true)]
    [InlineData(CaseState.Closed, true, true)] // e.g. an original case whose re-review was terminated
    [InlineData(CaseState.Closed, false, false)]
    public void ATerminatedMatter_IsNoLongerAccepted(CaseState state, bool terminated, bool expected)
    {
        var a = IntakeRules.Assess([A], City, [Earlier(7, A, state, Township, inTime: true, terminated)]);
        Assert.Equal(expected, a.Flags.HasFlag(CaseFlags.NoLongerAccepted));
        Assert.False(a.Flags.HasFlag(CaseFlags.LevelSkipping));
        if (expected)
            Assert.Equal(IntakeRules.NoLongerAcceptedKey, Assert.Single(a.Findings, f => f.Flag == CaseFlags.NoLongerAccepted).Reason.Key);
    }

    [Fact]
    public void SeveralFindings_Combine()
    {
        var a = IntakeRules.Assess([A, B], City,
            [Earlier(1, A, CaseState.Terminated, City, false, true), Earlier(2, B, CaseState.Assigned, Village)]);
        Assert.Equal(CaseFlags.Repeat | CaseFlags.NoLongerAccepted | CaseFlags.LevelSkipping, a.Flags);
        Assert.Equal([1, 2], a.RepeatCandidateIds);
        Assert.Equal(4, a.Findings.Count);
    }

    [Theory]
    [InlineData("/demo/dongcheng/", "/demo/", true)]
    [InlineData("/demo/dongcheng", "/demo", true)]
    [InlineData("/demo/", "/demo/", false)]
    [InlineData("/demo/", "/demo/dongcheng/", false)]
    [InlineData("/demox/", "/demo/", false)]
    public void Strictly_Below(string path, string ancestor, bool expected) =>
        Assert.Equal(expected, IntakeRules.IsStrictlyBelow(path, ancestor));
}
