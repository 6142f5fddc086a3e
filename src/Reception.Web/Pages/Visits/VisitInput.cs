using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Pages.Visits;

/// <summary>The visit plan form, shared by Create and Edit.</summary>
public sealed class VisitInput
{
    public static readonly DateOnly EarliestDate = new(VisitCompliance.FirstYear, 1, 1);
    public static readonly DateOnly LatestDate = new(VisitCompliance.LastYear, 12, 31);

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

    /// <summary>The conflicts the person saw and chose to keep (<see cref="VisitConflicts.Signature"/>); saving
    /// goes ahead only when they are still exactly the conflicts found, so a changed date is checked again.</summary>
    public string? ConfirmedConflicts { get; set; }

    public int Version { get; set; }

    public void ValidateDate(ModelStateDictionary state, IStringLocalizer l, string prefix = "Input")
    {
        if (Date is { } d && (d < EarliestDate || d > LatestDate))
            state.AddModelError($"{prefix}.{nameof(Date)}", l["Enter a date from {0} to {1}.", Format(EarliestDate), Format(LatestDate)]);
    }

    public static VisitInput From(Visit v) => new()
    {
        LeaderId = v.LeaderId, Date = v.Date, DestinationId = v.DestinationId, Purpose = v.Purpose,
        AccompanyingUnits = v.AccompanyingUnits, Version = v.Version,
    };

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
