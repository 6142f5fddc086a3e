using System.ComponentModel.DataAnnotations;
using Reception.Core.Cases;

namespace Reception.Web.Features.Cases;

/// <summary>
/// The fields of every operation form on the case page. Each form posts only its own fields, so each has its own name
/// (a refusal is shown next to the form that caused it) and none is [Required]: the case's operations say what is missing.
/// </summary>
public sealed class CaseOperationInput
{
    [Display(Name = "Reason for not accepting")]
    public string? RejectReason { get; set; }

    [Display(Name = "Transfer to")]
    public int? TransferUnitId { get; set; }

    [Display(Name = "Reason for the objection")]
    public string? ObjectionReason { get; set; }

    [Display(Name = "Progress")]
    public string? Progress { get; set; }

    [Display(Name = "Instruction")]
    public string? Instruction { get; set; }

    [Display(Name = "Written reply")]
    public string? ReplyText { get; set; }

    [Display(Name = "Reply date")]
    public DateOnly? ReplyDate { get; set; }

    [Display(Name = "Evaluation")]
    public Evaluation? Evaluation { get; set; }

    [Display(Name = "Resolved on")]
    public DateOnly? ResolvedOn { get; set; }

    [Display(Name = "Days")]
    public int? ExtensionDays { get; set; }

    [Display(Name = "Reason for the extension")]
    public string? ExtensionReason { get; set; }

    [Display(Name = "Reviewing unit")]
    public int? AppealUnitId { get; set; }

    [Display(Name = "Channel")]
    public Channel? AppealChannel { get; set; }

    [Display(Name = "Request date")]
    public DateOnly? AppealRequestedOn { get; set; }

    [Display(Name = "Hearing from")]
    public DateOnly? HearingFrom { get; set; }

    [Display(Name = "Hearing to")]
    public DateOnly? HearingTo { get; set; }

    public bool Listed { get; set; }

    [Display(Name = "Reason for listing")]
    public string? ListingReason { get; set; }

    [Display(Name = "Flag")]
    public CaseFlags? Flag { get; set; }

    public bool FlagOn { get; set; }

    [Display(Name = "Number of people")]
    public int? NumberOfPeople { get; set; }

    public int? ChecklistItemId { get; set; }

    public bool ChecklistDone { get; set; }

    public const int RevealReasonMaxLength = 200;

    /// <summary>The petitioner whose contact details are revealed (by id within the case).</summary>
    public int? RevealPetitionerId { get; set; }

    [Display(Name = "Why do you need the contact details?")]
    public string? RevealReason { get; set; }
}
