using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Reception.Core.Rotas;
using UnavailabilityEntry = Reception.Core.Rotas.Model.Unavailability;

namespace Reception.Web.Features.Rotas.Unavailability;

/// <summary>The form for leave, travel or a meeting.</summary>
public sealed class UnavailabilityInput
{
    public static readonly DateOnly EarliestDate = new(DateText.FirstYear, 1, 1);
    public static readonly DateOnly LatestDate = new(DateText.LastYear, 12, 31);

    /// <summary>The reasons a person records here; visits are planned on the visit pages.</summary>
    public static readonly IReadOnlyList<UnavailabilityReason> Reasons = [UnavailabilityReason.Leave, UnavailabilityReason.Travel, UnavailabilityReason.Meeting];

    [Required(ErrorMessage = "Choose the {0}.")]
    [Display(Name = "Leader")]
    public int? LeaderId { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Start date")]
    public DateOnly? From { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "End date")]
    public DateOnly? To { get; set; }

    [Required(ErrorMessage = "Choose the {0}.")]
    [Display(Name = "Reason")]
    public UnavailabilityReason? Reason { get; set; }

    [Display(Name = "Note")]
    [StringLength(UnavailabilityEntry.NoteMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Note { get; set; }

    /// <summary>The date rules that need no database: order, length, and the years the app handles.</summary>
    public void ValidateDates(ModelStateDictionary state, IStringLocalizer l, string prefix = "Input")
    {
        var inRange = true;
        foreach (var (name, date) in new[] { (nameof(From), From), (nameof(To), To) })
        {
            if (date is { } d && (d < EarliestDate || d > LatestDate))
            {
                state.AddModelError($"{prefix}.{name}", l["Enter a date from {0} to {1}.", DateText.Of(EarliestDate), DateText.Of(LatestDate)]);
                inRange = false;
            }
        }
        if (!inRange || From is not { } from || To is not { } to) return;
        if (to < from)
            state.AddModelError($"{prefix}.{nameof(To)}", l["The end date cannot be before the start date."]);
        else if (to.DayNumber - from.DayNumber + 1 > UnavailabilityEntry.MaxDays)
            state.AddModelError($"{prefix}.{nameof(To)}", l["One entry can cover at most {0} days.", UnavailabilityEntry.MaxDays]);
    }
}
