using Reception.Core.Cases;

namespace Reception.Web.Features.Cases.Settings;

/// <summary>Renames a 包案 checklist item (cases that ticked it keep the tick).</summary>
[Authorize(Policy = GlobalSettings.Policy)]
[Reception.Web.Audit.Audited(Reception.Web.Audit.AuditActions.SettingsChange)]
public sealed class ItemModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Text { get; set; }
    public ChecklistItem Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await db.ChecklistItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == Id) is not { } item) return NotFound();
        Item = item;
        Text = item.Text;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await db.ChecklistItems.SingleOrDefaultAsync(i => i.Id == Id) is not { } item) return NotFound();
        Item = item;
        IndexModel.ValidateItemText(Text, nameof(Text), ModelState, l);
        if (!ModelState.IsValid) return Page();
        item.Rename(Text!);
        await db.SaveChangesAsync();
        Status.Set(TempData, l["Saved the checklist item {0}.", item.Text]);
        return RedirectToPage("Index", null, "checklist");
    }
}
