using Reception.Core.Cases;
using Reception.Core.Cases.History;

namespace Reception.Core.Tests.Cases;

/// <summary>The query code (random, hashed with salt, compared in constant time), the 督办 document number, the petitioner's evaluation with a comment.</summary>
public sealed class PaperRulesTests
{
    [Fact]
    public void Codes_AreRandom_FromTheAlphabet_AndOnlyTheirSaltedHashIsStored()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => QueryCode.Generate()).ToList();
        Assert.All(codes, c => Assert.Matches("^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$", c));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());

        var code = codes[0];
        var first = QueryCode.Hash(code);
        var second = QueryCode.Hash(code);
        Assert.NotEqual(first, second); // salted
        Assert.DoesNotContain(code, first, StringComparison.OrdinalIgnoreCase);
        Assert.True(first.Length <= QueryCode.StoredMaxLength);
        Assert.True(QueryCode.Verify(code, first));
        Assert.True(QueryCode.Verify(QueryCode.Display(code).ToLowerInvariant(), second)); // typed loosely: dashes, case, spaces
        Assert.True(QueryCode.Verify(" " + code[..4] + " " + code[4..] + " ", first));
    }

    [Fact]
    public void WrongCodes_MissingHashes_AndMalformedInput_AreAllFalse()
    {
        var code = QueryCode.Generate();
        var stored = QueryCode.Hash(code);
        var other = code[0] == 'A' ? "B" + code[1..] : "A" + code[1..];
        Assert.False(QueryCode.Verify(other, stored));
        Assert.False(QueryCode.Verify(code, null));
        Assert.False(QueryCode.Verify(code, "not a hash"));
        Assert.False(QueryCode.Verify(null, stored));
        Assert.False(QueryCode.Verify("0O1I" + code[4..], stored));
        Assert.False(QueryCode.VerifyNothing(code));
        Assert.Null(QueryCode.Normalize(code + "A"));
        Assert.Null(QueryCode.Normalize(new string('A', 41)));
    }

    [Theory]
    [InlineData("演示市", "演示信督")]
    [InlineData("青山镇", "青山信督")]
    [InlineData("东城街道", "东城信督")]
    [InlineData("市", "市信督")]
    public void TheDefaultPrefix_IsTheOfficeNameWithoutItsSuffix(string office, string prefix) =>
        Assert.Equal(prefix, NoticeNumber.DefaultPrefix(office));

    [Fact]
    public void ANoticeNumber_ReadsPrefixYearAndSequence_AndIsGivenOnce()
    {
        Assert.Equal("演示信督〔2026〕12号", NoticeNumber.Format("演示信督", 2026, 12));
        Assert.False(NoticeNumber.IsValidPrefix("演示〔信督"));
        Assert.False(NoticeNumber.IsValidPrefix(new string('字', NoticeNumber.PrefixMaxLength + 1)));
        Assert.True(NoticeNumber.IsValidPrefix("演示信督"));

        var notice = SupervisionNotice.Issue(1, 2, "请报告进展", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9), "supervisor", CaseBuilder.T0).Value!;
        notice.SetDocumentNumber(7, "演示信督", 2026, 3);
        Assert.Equal("演示信督〔2026〕3号", notice.DocumentNumber);
        Assert.Equal((7, 2026, 3), (notice.IssuingUnitId, notice.NumberYear, notice.NumberSequence));
        Assert.Throws<InvalidOperationException>(() => notice.SetDocumentNumber(7, "演示信督", 2026, 4));
    }

    [Fact]
    public void ThePetitionersEvaluation_KeepsTheComment_InTheCaseAndItsHistory_AndHappensOnce()
    {
        var c = CaseBuilder.InState(CaseState.Replied);
        var tooLong = c.Evaluate(Evaluation.Dissatisfied, PetitionCase.PetitionerUserId, CaseBuilder.T0.AddDays(40), new string('长', PetitionCase.EvaluationCommentMaxLength + 1));
        Assert.False(tooLong.Succeeded);
        Assert.Null(c.Evaluation);

        CaseBuilder.Ok(c.Evaluate(Evaluation.Dissatisfied, PetitionCase.PetitionerUserId, CaseBuilder.T0.AddDays(40), "  补偿标准偏低 "));

        Assert.Equal("补偿标准偏低", c.EvaluationComment);
        var e = c.Events[^1];
        Assert.Equal(PetitionCase.PetitionerUserId, e.UserId);
        var change = Assert.IsType<Evaluated>(e.Change);
        Assert.Equal((Evaluation.Dissatisfied, "补偿标准偏低"), (change.Evaluation, change.Comment));
        Assert.False(c.Evaluate(Evaluation.Satisfied, "clerk-1", CaseBuilder.T0.AddDays(41)).Succeeded); // once
        Assert.Equal(Evaluation.Dissatisfied, c.Evaluation);
    }
}
