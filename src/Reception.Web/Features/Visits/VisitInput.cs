using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Features.Visits;

/// <summary>The visit plan form, shared by Create and Edit.</summary>
public sealed class VisitInput
{
    public static readonly DateOnly EarliestDate = new(DateText.FirstYear, 1, 1);
    public static readonly DateOnly LatestDate = new(DateText.LastYear, 12, 31);
    public const int CaseNumbersMaxLength = 2000;

    /// <summary>What may separate case numbers: line breaks, commas (also Chinese ones), 、, semicolons and spaces.</summary>
    private static readonly char[] Separators = ['\r', '\n', ',', '，', '、', ';', '；', ' ', '\t', '\u3000'];

    [Required(ErrorMessage = "Choose the {0}.")]
    [Display(Name = "Leader")]
    public int? LeaderId { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Visit date")]
    public DateOnly? Date { get; set; }

    [Required(ErrorMessage = "Choose the {0}.")]
    [Display(Name = "Destination")]
    public int? DestinationId { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Purpose")]
    [StringLength(Visit.PurposeMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Purpose { get; set; }

    [Display(Name = "Accompanying units")]
    [StringLength(Visit.UnitsMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? AccompanyingUnits { get; set; }

    [Display(Name = "Kind of visit")]
    public VisitKind Kind { get; set; } = VisitKind.Village;

    /// <summary>Case numbers, one per line or separated by commas (带案下访; exactly one for a 约访).</summary>
    [Display(Name = "Cases taken on this visit")]
    [StringLength(CaseNumbersMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? CaseNumbers { get; set; }

    /// <summary>The conflicts the person saw and chose to keep (<see cref="VisitConflicts.Signature"/>); saving
    /// goes ahead only when they are still exactly the conflicts found, so a changed date is checked again.</summary>
    public string? ConfirmedConflicts { get; set; }

    public int Version { get; set; }

    public void ValidateDate(ModelStateDictionary state, IStringLocalizer l, string prefix = "Input")
    {
        if (Date is { } d && (d < EarliestDate || d > LatestDate))
            state.AddModelError($"{prefix}.{nameof(Date)}", l["Enter a date from {0} to {1}.", DateText.Of(EarliestDate), DateText.Of(LatestDate)]);
    }

    /// <summary>The case numbers typed, split and trimmed (not yet parsed), in the order given.</summary>
    public IReadOnlyList<string> CaseNumberTexts() =>
        (CaseNumbers ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static VisitInput From(Visit v, IEnumerable<string> caseNumbers) => new()
    {
        LeaderId = v.LeaderId,
        Date = v.Date,
        DestinationId = v.DestinationId,
        Purpose = v.Purpose,
        AccompanyingUnits = v.AccompanyingUnits,
        Version = v.Version,
        Kind = v.Kind,
        CaseNumbers = string.Join("\n", caseNumbers),
    };
}
