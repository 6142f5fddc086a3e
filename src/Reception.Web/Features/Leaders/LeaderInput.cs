using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Reception.Core.Organisation;

namespace Reception.Web.Features.Leaders;

/// <summary>The leader form, shared by Create and Edit.</summary>
public sealed class LeaderInput
{
    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Full name")]
    [StringLength(Leader.NameMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Title")]
    [StringLength(Leader.TitleMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Choose the {0}.")]
    [Display(Name = "Leading body")]
    public LeadingBody? LeadingBody { get; set; }

    [Required(ErrorMessage = "Choose the {0}.")]
    [Display(Name = "Org unit")]
    public int? OrgUnitId { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Rotation order")]
    [Range(1, 9999, ErrorMessage = "The {0} must be a whole number from {1} to {2}.")]
    public int? RotationOrder { get; set; }

    [Display(Name = "Email")]
    [StringLength(Leader.EmailMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Email { get; set; }

    [Display(Name = "Phone")]
    [StringLength(Leader.PhoneMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Phone { get; set; }

    public int Version { get; set; }

    /// <summary>Checks contact details with the same rules as the CSV import.</summary>
    public void ValidateContacts(ModelStateDictionary state, IStringLocalizer l, string prefix = "Input")
    {
        if (ContactRules.ValidateEmail(Email) is { } email) state.AddModelError($"{prefix}.{nameof(Email)}", l.Text(email));
        if (ContactRules.ValidatePhone(Phone) is { } phone) state.AddModelError($"{prefix}.{nameof(Phone)}", l.Text(phone));
    }

    public static LeaderInput From(Leader l) => new()
    {
        Name = l.Name,
        Title = l.Title,
        LeadingBody = l.LeadingBody,
        OrgUnitId = l.OrgUnitId,
        RotationOrder = l.RotationOrder,
        Email = l.Email,
        Phone = l.Phone,
        Version = l.Version,
    };
}
