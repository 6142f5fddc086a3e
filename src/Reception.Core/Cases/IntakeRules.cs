using Reception.Core.Common;

namespace Reception.Core.Cases;

/// <summary>An earlier case to compare a new filing with (loaded by the caller, e.g. all cases sharing an ID number).</summary>
/// <param name="OrgPath">The path of the unit handling it, as <see cref="Organisation.OrgUnit.Path"/> ("/demo/dongcheng/").</param>
/// <param name="WithinHandlingDeadline">Whether its handling clock has not yet run out (computed by the deadline rules).</param>
/// <param name="IsTerminated">Whether the matter was terminated (终结), e.g. a 复核 case in <see cref="CaseState.Terminated"/>.</param>
public sealed record EarlierCase(
    int CaseId,
    string Number,
    IReadOnlyCollection<string> IdentityNumbers,
    CaseState State,
    string OrgPath,
    bool WithinHandlingDeadline,
    bool IsTerminated);

/// <summary>One suggestion: set <see cref="Flag"/>, link <see cref="LinkedCaseId"/>, because <see cref="Reason"/>.</summary>
public sealed record IntakeFinding(CaseFlags Flag, int LinkedCaseId, LocalizableMessage Reason);

public sealed record IntakeAssessment(IReadOnlyList<IntakeFinding> Findings)
{
    /// <summary>All flags suggested.</summary>
    public CaseFlags Flags => Findings.Aggregate(CaseFlags.None, (f, x) => f | x.Flag);

    /// <summary>The earlier cases the new one may repeat, oldest id first (the clerk picks the one to link).</summary>
    public IReadOnlyList<int> RepeatCandidateIds =>
        Findings.Where(f => f.Flag == CaseFlags.Repeat).Select(f => f.LinkedCaseId).Distinct().Order().ToList();
}

/// <summary>
/// The checks made when a case is registered, as pure functions. Matches are by petitioner ID number only (the
/// normalised 18 characters), so they are suggestions: the clerk confirms that it is the same matter.
/// <list type="bullet">
/// <item>重复访 (Repeat): any earlier case with a petitioner of the same ID number.</item>
/// <item>越级访 (LevelSkipping, Art. 19): such a case that is still open and within its handling deadline at a unit
/// strictly below the filing unit (its org path starts with the filing unit's path and is longer).</item>
/// <item>不再受理 (NoLongerAccepted, Art. 36): such a case whose matter was terminated.</item>
/// </list>
/// </summary>
public static class IntakeRules
{
    public const string RepeatKey = "A petitioner with ID number {0} already has case {1}.";
    public const string LevelSkippingKey = "Case {0} of the same petitioner is still being handled in time at a lower level.";
    public const string NoLongerAcceptedKey = "The same petitioner's matter was terminated in case {0}; a new filing of it is not accepted.";

    public static bool IsCollective(int numberOfPeople) => numberOfPeople >= PetitionCase.CollectiveThreshold;

    public static IntakeAssessment Assess(IEnumerable<string?> petitionerIdentityNumbers, string filingOrgPath, IEnumerable<EarlierCase> earlierCases)
    {
        var ids = petitionerIdentityNumbers
            .Select(IdentityNumber.Normalize)
            .Where(s => !string.IsNullOrEmpty(s))
            .Select(s => s!)
            .ToHashSet(StringComparer.Ordinal);
        var findings = new List<IntakeFinding>();
        if (ids.Count == 0) return new IntakeAssessment(findings);

        foreach (var earlier in earlierCases.OrderBy(c => c.CaseId))
        {
            var shared = earlier.IdentityNumbers.Select(IdentityNumber.Normalize).FirstOrDefault(s => s is not null && ids.Contains(s));
            if (shared is null) continue;

            findings.Add(new IntakeFinding(CaseFlags.Repeat, earlier.CaseId,
                new LocalizableMessage(RepeatKey, PrivacyMask.IdentityNumber(shared), earlier.Number)));

            var open = !PetitionCase.IsFinalState(earlier.State) && !earlier.IsTerminated;
            if (open && earlier.WithinHandlingDeadline && IsStrictlyBelow(earlier.OrgPath, filingOrgPath))
                findings.Add(new IntakeFinding(CaseFlags.LevelSkipping, earlier.CaseId, new LocalizableMessage(LevelSkippingKey, earlier.Number)));

            if (earlier.IsTerminated || earlier.State == CaseState.Terminated)
                findings.Add(new IntakeFinding(CaseFlags.NoLongerAccepted, earlier.CaseId, new LocalizableMessage(NoLongerAcceptedKey, earlier.Number)));
        }

        return new IntakeAssessment(findings);
    }

    /// <summary>True when <paramref name="path"/> is a descendant (not the same) of <paramref name="ancestor"/>; paths end with "/".</summary>
    public static bool IsStrictlyBelow(string path, string ancestor)
    {
        var a = WithSlash(ancestor);
        var p = WithSlash(path);
        return p.Length > a.Length && p.StartsWith(a, StringComparison.Ordinal);
    }

    private static string WithSlash(string path) => path.EndsWith('/') ? path : path + "/";
}
