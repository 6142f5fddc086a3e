using System.ComponentModel.DataAnnotations;
using Reception.Core.Cases;

namespace Reception.Web.Features.Cases;

/// <summary>The intake (登记) form. Everything the clerk typed comes back in it, also across the "add a petitioner" and repeat-check round trips.</summary>
public sealed class RegisterInput
{
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    [Required(ErrorMessage = "Choose the {0}.")]
    [Display(Name = "Channel")]
    public Channel? Channel { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Received date")]
    public DateOnly? ReceivedOn { get; set; }

    public List<RegisterPetitioner> Petitioners { get; set; } = [];

    /// <summary>Blank means "as many as the petitioners entered".</summary>
    [Display(Name = "Number of people")]
    [Range(1, 10_000, ErrorMessage = "The {0} must be a whole number from {1} to {2}.")]
    public int? NumberOfPeople { get; set; }

    [Required(ErrorMessage = "Choose the {0}.")]
    [Display(Name = "Category")]
    public string? CategoryCode { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Summary")]
    [StringLength(PetitionCase.SummaryMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Summary { get; set; }

    [Display(Name = "Content")]
    [StringLength(PetitionCase.ContentMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Content { get; set; }

    // Flags the clerk sets by judgement (重点, 涉法涉诉, 积案).
    public bool Key { get; set; }
    public bool LegalChannel { get; set; }
    public bool Backlog { get; set; }

    // Flags the intake checks suggest (越级访, 不再受理); shown ticked, the clerk may untick them.
    public bool LevelSkipping { get; set; }
    public bool NoLongerAccepted { get; set; }

    /// <summary>The intake findings the clerk has seen (<see cref="RegisterFindings.Signature"/>); a different set is asked about again.</summary>
    public string? Assessed { get; set; }

    /// <summary>The clerk's answer to the repeat check: the earlier case's id, or 0 for "not the same matter".</summary>
    public int? RepeatOf { get; set; }

    /// <summary>The rows that say something (a row left empty is dropped), with their index in the form.</summary>
    public IEnumerable<(int Index, RegisterPetitioner Row)> FilledPetitioners =>
        Petitioners.Select((p, i) => (i, p)).Where(x => !x.p.IsBlank);
}

/// <summary>One petitioner row of the intake form.</summary>
public sealed class RegisterPetitioner
{
    [Display(Name = "Petitioner's name")]
    [StringLength(CasePetitioner.NameMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Name { get; set; }

    [Display(Name = "ID number")]
    [StringLength(40, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? IdentityNumber { get; set; }

    [Display(Name = "Phone")]
    [StringLength(CasePetitioner.PhoneMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    [Reception.Web.Localization.MainlandPhone]
    public string? Phone { get; set; }

    [Display(Name = "Household registration")]
    [StringLength(CasePetitioner.LocalityMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? HouseholdLocality { get; set; }

    [Display(Name = "Address")]
    [StringLength(CasePetitioner.AddressMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Address { get; set; }

    public bool IsBlank =>
        string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(IdentityNumber) && string.IsNullOrWhiteSpace(Phone)
        && string.IsNullOrWhiteSpace(HouseholdLocality) && string.IsNullOrWhiteSpace(Address);

    public CasePetitioner ToPetitioner() => new(Name!, IdentityNumber, Reception.Core.Common.PhoneNumbers.Normalize(Phone) ?? Phone, HouseholdLocality, Address);
}

/// <summary>An earlier case the intake checks found, as the clerk may see it.</summary>
/// <param name="Summary">Null when the earlier case is outside the clerk's scope (only its number, state and unit are shown).</param>
public sealed record RegisterCandidate(int CaseId, string Number, CaseState State, string Unit, string? Summary, IReadOnlyList<string> Reasons);

/// <summary>Matters of the same person outside the clerk's scope: how many, and the office that sees them (nothing else).</summary>
public sealed record RegisterElsewhere(int Count, string Office);

/// <summary>What the intake checks found for the petitioners' ID numbers.</summary>
/// <param name="Assessment">The findings about earlier cases in the clerk's scope.</param>
/// <param name="Elsewhere">Matches outside the clerk's scope, by the office that sees them.</param>
public sealed record RegisterFindings(IntakeAssessment Assessment, IReadOnlyList<RegisterCandidate> Candidates, IReadOnlyList<RegisterElsewhere> Elsewhere)
{
    public static readonly RegisterFindings None = new(new IntakeAssessment([]), [], []);

    public bool Any => Assessment.Findings.Count > 0 || Elsewhere.Count > 0;

    /// <summary>Whether there are earlier cases in scope the clerk must say the new one repeats or not.</summary>
    public bool HasCandidates => Candidates.Count > 0;

    public int ElsewhereCount => Elsewhere.Sum(e => e.Count);
    public bool SuggestsLevelSkipping => Assessment.Flags.HasFlag(CaseFlags.LevelSkipping);
    public bool SuggestsNoLongerAccepted => Assessment.Flags.HasFlag(CaseFlags.NoLongerAccepted);

    /// <summary>The findings in a stable text form; the clerk's choices count only for the findings they saw.</summary>
    public string Signature => string.Join(",", Assessment.Findings.Select(f => $"{f.Flag}:{f.LinkedCaseId}")
        .Append(string.Create(CultureInfo.InvariantCulture, $"elsewhere:{ElsewhereCount}")).Order(StringComparer.Ordinal));
}
