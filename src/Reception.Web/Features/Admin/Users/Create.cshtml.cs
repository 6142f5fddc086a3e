using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Web.Features.Org;

namespace Reception.Web.Features.Admin.Users;

[Authorize(Roles = Roles.SecurityAdmin)]
[Reception.Web.Audit.Audited(Reception.Web.Audit.AuditActions.UserChange)]
public sealed class CreateModel(AppDbContext db, UserManager<AppUser> users, CurrentUser me, OrgChoices choices, IStringLocalizer<SharedResource> l) : PageModel, IUserForm
{
    [BindProperty] public CreateInput Input { get; set; } = new();
    UserInput IUserForm.Input => Input;
    public IReadOnlyList<SelectListItem> OrgUnits { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Leaders { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Input.OrgUnitId = me.OrgUnitId;
        await LoadAsync();
    }

    [Idempotent] // a double-submitted form creates one record
    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        await UserRules.ValidateAsync(Input, "Input", this, ModelState, db, null, l);
        if (!ModelState.IsValid) return Page();

        var user = new AppUser
        {
            UserName = Input.UserName!.Trim(),
            DisplayName = Input.DisplayName!.Trim(),
            OrgUnitId = Input.OrgUnitId!.Value,
            LeaderId = Input.LeaderId,
            DepartmentId = Input.DepartmentId,
            Email = Blank(Input.Email),
            PhoneNumber = Reception.Core.Common.PhoneNumbers.Normalize(Input.PhoneNumber),
            // The security administrator chose this password: the user chooses their own at the first sign-in.
            MustChangePassword = true,
        };
        Reception.Web.Audit.AuditMarks.Detail(HttpContext, $"user={user.UserName}; created with role {Input.Role}, unit {Input.OrgUnitId}");
        await using var tx = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, Input.Password!);
        if (created.Succeeded) created = await users.AddToRoleAsync(user, Input.Role!);
        if (!created.Succeeded)
        {
            UserRules.AddErrors(ModelState, created, "Input.Password", "Input.UserName");
            return Page(); // the transaction is rolled back on dispose
        }
        await tx.CommitAsync();
        Status.Set(TempData, l["Created the account {0}.", user.UserName]);
        return RedirectToPage("Index");
    }

    private async Task LoadAsync() => (OrgUnits, Leaders, Departments) = await UserRules.ChoicesAsync(choices, Input);

    public sealed class CreateInput : UserInput
    {
        [Required(ErrorMessage = "Enter the {0}.")]
        [Display(Name = "User name")]
        [StringLength(50, MinimumLength = 2, ErrorMessage = "The {0} must have between {2} and {1} characters.")]
        [RegularExpression("^[A-Za-z0-9._@-]+$", ErrorMessage = "A user name may contain only letters, digits and . _ - @.")]
        public string? UserName { get; set; }

        [Required(ErrorMessage = "Enter the {0}.")]
        [Display(Name = "Initial password")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
