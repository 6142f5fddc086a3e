using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Cases;

namespace Reception.Web.Features.Cases.Settings;

/// <summary>Renames a category and moves it under another parent or to the top; its code stays.</summary>
[Authorize(Policy = GlobalSettings.Policy)]
[Reception.Web.Audit.Audited(Reception.Web.Audit.AuditActions.SettingsChange)]
public sealed class CategoryModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? ParentCode { get; set; }

    public CaseCategory Category { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> ParentChoices { get; private set; } = [];
    public int CasesUsingIt { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var all = await CategoryRules.AllAsync(db);
        if (all.FirstOrDefault(c => c.Id == Id) is not { } category) return NotFound();
        Name = category.Name;
        ParentCode = category.ParentCode;
        await ShowAsync(category, all);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var all = await CategoryRules.AllAsync(db);
        if (all.FirstOrDefault(c => c.Id == Id) is not { } shown) return NotFound();
        CategoryRules.ValidateName(Name, nameof(Name), ModelState, l);
        var posted = string.IsNullOrWhiteSpace(ParentCode) ? null : CaseCategory.NormalizeCode(ParentCode);
        // Keeping the current parent (even a since retired one) is no move and needs no check.
        var parent = posted == shown.ParentCode ? posted : CategoryRules.ValidateParent(ParentCode, shown.Code, all, nameof(ParentCode), ModelState, l);
        if (!ModelState.IsValid)
        {
            await ShowAsync(shown, all);
            return Page();
        }

        var category = await db.CaseCategories.SingleAsync(c => c.Id == Id);
        category.Rename(Name!);
        if (parent != category.ParentCode) category.Move(parent, CategoryRules.NextSortOrder(all, parent));
        await db.SaveChangesAsync();
        Status.Set(TempData, l["Saved the category {0}.", category.Name]);
        return RedirectToPage("Index", null, "categories");
    }

    private async Task ShowAsync(CaseCategory category, IReadOnlyList<CaseCategory> all)
    {
        Category = category;
        ParentChoices = CategoryRules.ParentChoices(all, ParentCode, category.Code);
        if (category.ParentCode is { } current && !ParentChoices.Any(p => p.Value == current)
            && all.FirstOrDefault(c => c.Code == current) is { } retiredParent)
            ParentChoices = [.. ParentChoices, new SelectListItem(retiredParent.Name + "（" + retiredParent.Code + "）", retiredParent.Code, ParentCode == current)];
        CasesUsingIt = await db.Cases.CountAsync(c => c.CategoryCode == category.Code);
    }
}
