using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Web.Features.Org;

namespace Reception.Web.Features.Admin.Users;

/// <summary>The account fields shared by Create and Edit, and the rules that tie a role to its link.</summary>
public class UserInput
{
    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Display name")]
    [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Choose the {0}.")]
    [Display(Name = "Role")]
    public string? Role { get; set; }

    [Required(ErrorMessage = "Choose the {0}.")]
    [Display(Name = "Org unit")]
    public int? OrgUnitId { get; set; }

    [Display(Name = "Linked leader")]
    public int? LeaderId { get; set; }

    [Display(Name = "Department")]
    public int? DepartmentId { get; set; }

    /// <summary>Where the user's email copies of notifications go; none means in-app only.</summary>
    [Display(Name = "Email")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Email { get; set; }

    [Display(Name = "Mobile number")]
    [StringLength(30, ErrorMessage = "The {0} can have at most {1} characters.")]
    [Reception.Web.Localization.MainlandPhone]
    public string? PhoneNumber { get; set; }
}

public interface IUserForm
{
    UserInput Input { get; }
    IReadOnlyList<SelectListItem> OrgUnits { get; }
    IReadOnlyList<SelectListItem> Leaders { get; }
    IReadOnlyList<SelectListItem> Departments { get; }
}

public static class UserRules
{
    /// <summary>Loads the choices (all within the admin's scope) and checks the role-specific links.</summary>
    public static async Task<(List<SelectListItem> Orgs, List<SelectListItem> Leaders, List<SelectListItem> Departments)> ChoicesAsync(OrgChoices choices, UserInput input)
    {
        var orgs = await choices.RegionsAsync(input.OrgUnitId);
        // A unit handler's home unit is their department.
        orgs.AddRange(await choices.DepartmentsAsync(input.OrgUnitId));
        return (orgs, await choices.LeadersAsync(input.LeaderId), await choices.DepartmentsAsync(input.DepartmentId));
    }

    public static async Task ValidateAsync(UserInput input, string prefix, IUserForm form, ModelStateDictionary state, AppDbContext db, string? userId, IStringLocalizer l)
    {
        if (input.Role is not null && !Roles.All.Contains(input.Role))
            state.AddModelError($"{prefix}.Role", l["Choose a role from the list."]);
        if (input.OrgUnitId is { } org && !form.OrgUnits.Any(o => o.Value == org.ToString(CultureInfo.InvariantCulture)))
            state.AddModelError($"{prefix}.OrgUnitId", l["Choose an org unit from the list."]);

        if (input.Role == Roles.Leader)
        {
            if (input.LeaderId is not { } leaderId || !form.Leaders.Any(o => o.Value == leaderId.ToString(CultureInfo.InvariantCulture)))
                state.AddModelError($"{prefix}.LeaderId", l["A leader account must be linked to a leader."]);
            else if (await db.Users.AnyAsync(u => u.LeaderId == leaderId && u.Id != userId))
                state.AddModelError($"{prefix}.LeaderId", l["Another account is already linked to this leader."]);
        }
        else input.LeaderId = null;

        if (input.Role == Roles.UnitHandler)
        {
            if (input.DepartmentId is not { } dept || !form.Departments.Any(o => o.Value == dept.ToString(CultureInfo.InvariantCulture)))
                state.AddModelError($"{prefix}.DepartmentId", l["A unit handler account must be linked to a department."]);
        }
        else input.DepartmentId = null;
    }

    public static void AddErrors(ModelStateDictionary state, IdentityResult result, string passwordField, string userNameField)
    {
        foreach (var e in result.Errors)
        {
            var field = e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField
                : e.Code.Contains("UserName", StringComparison.Ordinal) ? userNameField : "";
            state.AddModelError(field, e.Description);
        }
    }

    public static IEnumerable<SelectListItem> RoleOptions(IStringLocalizer l, string? selected) =>
        Roles.All.Select(r => new SelectListItem(l["Role." + r], r, r == selected));
}
