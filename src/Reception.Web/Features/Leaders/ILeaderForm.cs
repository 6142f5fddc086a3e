using Microsoft.AspNetCore.Mvc.Rendering;

namespace Reception.Web.Features.Leaders;

/// <summary>What the shared _LeaderFields partial needs from the Create and Edit pages.</summary>
public interface ILeaderForm
{
    LeaderInput Input { get; }
    IReadOnlyList<SelectListItem> OrgUnits { get; }
}
