using System.ComponentModel.DataAnnotations;
using Reception.Core.Cases;

namespace Reception.Web.Features.Cases;

/// <summary>The assignment (交办) form: who owns the case, who handles it, who keeps the petitioner stable, who supervises.</summary>
public sealed class AssignInput
{
    [Required(ErrorMessage = "Choose the {0}.")]
    [Display(Name = "Owning leader")]
    public int? OwnerLeaderId { get; set; }

    [Required(ErrorMessage = "Choose the {0}.")]
    [Display(Name = "Handling unit")]
    public int? HandlingUnitId { get; set; }

    public List<int> CoHandlingUnitIds { get; set; } = [];

    [Display(Name = "Stability-control unit")]
    public int? StabilityControlUnitId { get; set; }

    [Display(Name = "Supervisor")]
    public string? SupervisorUserId { get; set; }

    public int Version { get; set; }

    public static AssignInput From(PetitionCase c) => new()
    {
        OwnerLeaderId = c.OwnerLeaderId,
        HandlingUnitId = c.HandlingUnitId,
        CoHandlingUnitIds = [.. c.CoHandlingUnitIds],
        StabilityControlUnitId = c.StabilityControlUnitId,
        SupervisorUserId = c.SupervisorUserId,
        Version = c.Version,
    };
}
