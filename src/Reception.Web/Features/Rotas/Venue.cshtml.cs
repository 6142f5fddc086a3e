using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Web.Features.Org;
using VenueEntity = Reception.Core.Rotas.Model.Venue;

namespace Reception.Web.Features.Rotas;

/// <summary>Adds or edits a reception venue (接待场所).</summary>
[Authorize(Roles = Roles.AdminOrClerk)]
public sealed class VenueModel(AppDbContext db, CurrentUser me, OrgChoices choices, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public VenueInput Input { get; set; } = new();
    public IReadOnlyList<SelectListItem> OrgUnits { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var venue = await FindAsync(id);
            if (venue is null) return NotFound();
            Input = new VenueInput { Name = venue.Name, Address = venue.Address, OrgUnitId = venue.OrgUnitId, IsActive = venue.IsActive, Version = venue.Version };
        }
        else Input.OrgUnitId = me.OrgUnitId;
        OrgUnits = await choices.RegionsAsync(Input.OrgUnitId);
        return Page();
    }

    [Idempotent] // a double-submitted form creates one venue
    public async Task<IActionResult> OnPostAsync()
    {
        OrgUnits = await choices.RegionsAsync(Input.OrgUnitId);
        if (Input.OrgUnitId is { } org && !OrgUnits.Any(o => o.Value == org.ToString(CultureInfo.InvariantCulture)))
            ModelState.AddModelError("Input.OrgUnitId", l["Choose an org unit from the list."]);
        var venue = Id is { } id ? await FindAsync(id) : null;
        if (Id is not null && venue is null) return NotFound();
        if (!ModelState.IsValid) return Page();

        if (venue is null)
        {
            venue = new VenueEntity(Input.OrgUnitId!.Value, Input.Name!, Input.Address!);
            db.Venues.Add(venue);
            await db.SaveChangesAsync();
        }
        else
        {
            venue.Update(Input.Name!, Input.Address!, Input.IsActive);
            if (!await db.TrySaveAsync(venue, Input.Version, ModelState, l)) return Page();
        }
        Status.Set(TempData, l["Saved {0}.", venue.Name]);
        return RedirectToPage("Index");
    }

    private Task<VenueEntity?> FindAsync(int id) => db.Venues.VisibleTo(db, me.Scope).SingleOrDefaultAsync(v => v.Id == id);

    public sealed class VenueInput
    {
        [Required(ErrorMessage = "Enter the {0}.")]
        [Display(Name = "Name")]
        [StringLength(VenueEntity.NameMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Enter the {0}.")]
        [Display(Name = "Address")]
        [StringLength(VenueEntity.AddressMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
        public string? Address { get; set; }

        [Required(ErrorMessage = "Choose the {0}.")]
        [Display(Name = "Org unit")]
        public int? OrgUnitId { get; set; }

        [Display(Name = "In use")]
        public bool IsActive { get; set; } = true;

        public int Version { get; set; }
    }
}
