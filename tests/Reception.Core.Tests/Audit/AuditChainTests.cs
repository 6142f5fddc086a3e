using Reception.Core.Audit;

namespace Reception.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTime At = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);

    private static List<AuditRecord> Chain(int count)
    {
        var records = new List<AuditRecord>();
        for (var i = 1; i <= count; i++)
            records.Add(new AuditRecord(i, At.AddSeconds(i), "u" + i, "user" + i, "Clerk", "/demo/", "10.0.0.1", "sign-in", "user:user" + i, null,
                AuditOutcome.Success, i == 1 ? AuditChain.Genesis : records[^1].Hash));
        return records;
    }

    private static AuditChainVerifier Verify(IEnumerable<AuditRecord> records, string? anchor = null)
    {
        var verifier = new AuditChainVerifier(_ => anchor);
        foreach (var r in records) if (!verifier.Add(r)) break;
        return verifier;
    }

    [Fact]
    public void Verify_AnUntouchedChain_IsIntact()
    {
        var verifier = Verify(Chain(5));
        Assert.True(verifier.IsIntact);
        Assert.Equal(5, verifier.Checked);
    }

    [Fact]
    public void Verify_ARecordWhoseFieldChanged_IsNamed()
    {
        var chain = Chain(5);
        // The same record with another user name but its old hashes: what an UPDATE in the database leaves behind.
        var forged = new AuditRecord(3, chain[2].AtUtc, chain[2].UserId, "intruder", chain[2].Role, chain[2].Unit, chain[2].Client, chain[2].Action,
            chain[2].Target, chain[2].Detail, chain[2].Outcome, chain[2].PreviousHash);
        typeof(AuditRecord).GetProperty(nameof(AuditRecord.Hash))!.SetValue(forged, chain[2].Hash);
        chain[2] = forged;

        var verifier = Verify(chain);
        Assert.Equal((3L, AuditBreak.RecordChanged), (verifier.FirstBrokenId, verifier.Reason));
    }

    [Fact]
    public void Verify_ARecordReplacedWithAFreshlyHashedOne_BreaksAtTheNext()
    {
        var chain = Chain(5);
        chain[2] = new AuditRecord(3, chain[2].AtUtc, null, "intruder", null, null, null, "sign-in", null, null, AuditOutcome.Success, chain[1].Hash);

        var verifier = Verify(chain);
        Assert.Equal((4L, AuditBreak.PreviousHashMismatch), (verifier.FirstBrokenId, verifier.Reason));
    }

    [Fact]
    public void Verify_ARemovedRecord_IsAGapAtTheNext()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);
        Assert.Equal((3L, AuditBreak.Gap), (Verify(chain).FirstBrokenId, Verify(chain).Reason));
    }

    [Fact]
    public void Verify_AChainStartingAfterRecord1_NeedsTheArchivedAnchor()
    {
        var chain = Chain(5);
        Assert.True(Verify(chain.Skip(2), anchor: chain[1].Hash).IsIntact);
        Assert.Equal(AuditBreak.StartUnaccounted, Verify(chain.Skip(2), anchor: null).Reason);
        Assert.Equal(AuditBreak.StartUnaccounted, Verify(chain.Skip(2), anchor: chain[0].Hash).Reason);
    }

    [Fact]
    public void Canonical_AFieldCannotImitateTheNextOne()
    {
        var a = new AuditRecord(1, At, null, "a\nb", null, null, null, "x", null, null, AuditOutcome.Success, AuditChain.Genesis);
        var b = new AuditRecord(1, At, null, "a", "b", null, null, "x", null, null, AuditOutcome.Success, AuditChain.Genesis);
        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Fact]
    public void Hash_IsSha256OverTheCanonicalForm_KeptToTheMicrosecond()
    {
        var r = new AuditRecord(1, At.AddTicks(7), null, "a", null, null, null, "x", null, null, AuditOutcome.Success, AuditChain.Genesis);
        Assert.Equal(At, r.AtUtc);
        Assert.Equal(64, r.Hash.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(AuditChain.Canonical(r)))), r.Hash);
    }
}
