using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Cases;

namespace Reception.Web.Features.Cases.Settings;

/// <summary>
/// Case settings: the category tree and the 包案 checklist. Codes are immutable and nothing is deleted (cases keep their
/// category codes and their ticks); categories and items are retired instead.
/// </summary>
[Authorize(Policy = GlobalSettings.Policy)]
[Reception.Web.Audit.Audited(Reception.Web.Audit.AuditActions.SettingsChange)]
public sealed class IndexModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public NewCategoryInput NewCategory { get; set; } = new();
    [BindProperty] public NewItemInput NewItem { get; set; } = new();

    public IReadOnlyList<CategoryRules.TreeRow> Categories { get; private set; } = [];
    public IReadOnlyList<SelectListItem> ParentChoices { get; private set; } = [];
    public IReadOnlyList<ChecklistItem> Items { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddCategoryAsync()
    {
        var all = await CategoryRules.AllAsync(db);
        var code = NewCategory.Code?.Trim();
        if (string.IsNullOrEmpty(code)) ModelState.AddModelError("NewCategory.Code", l["Enter the code."]);
        else if (!CaseCategory.IsValidCode(code))
            ModelState.AddModelError("NewCategory.Code", l["A code has at most {0} letters, digits, '-', '_' or '.' (no spaces).", PetitionCase.CategoryCodeMaxLength]);
        else if (all.Any(c => c.Code == CaseCategory.NormalizeCode(code)))
            ModelState.AddModelError("NewCategory.Code", l["The code {0} is already used (codes are never reused, also of retired categories).", CaseCategory.NormalizeCode(code)]);
        CategoryRules.ValidateName(NewCategory.Name, "NewCategory.Name", ModelState, l);
        var parent = CategoryRules.ValidateParent(NewCategory.ParentCode, null, all, "NewCategory.ParentCode", ModelState, l);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var category = new CaseCategory(code!, NewCategory.Name!, parent, CategoryRules.NextSortOrder(all, parent));
        db.CaseCategories.Add(category);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Someone added the same code at the same moment: the unique index decided.
            db.ChangeTracker.Clear();
            if (!await db.CaseCategories.AsNoTracking().AnyAsync(c => c.Code == category.Code)) throw;
            ModelState.AddModelError("NewCategory.Code", l["The code {0} is already used (codes are never reused, also of retired categories).", category.Code]);
            await LoadAsync();
            return Page();
        }
        Status.Set(TempData, l["Added the category {0}.", category.Name]);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCategoryActiveAsync(int id, bool active)
    {
        var category = await db.CaseCategories.SingleOrDefaultAsync(c => c.Id == id);
        if (category is null) return NotFound();
        category.SetActive(active);
        await db.SaveChangesAsync();
        Status.Set(TempData, active ? l["Reactivated the category {0}.", category.Name] : l["Retired the category {0}: new cases cannot choose it; existing cases keep it.", category.Name]);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddItemAsync()
    {
        ValidateItemText(NewItem.Text, "NewItem.Text", ModelState, l);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var next = await db.ChecklistItems.Select(i => (int?)i.SortOrder).MaxAsync() ?? 0;
        var item = new ChecklistItem(NewItem.Text!, next + 1);
        db.ChecklistItems.Add(item);
        await db.SaveChangesAsync();
        Status.Set(TempData, l["Added the checklist item {0}.", item.Text]);
        return RedirectToPage();
    }

    /// <summary>Moves an item one place up or down (renumbering the list 1, 2, 3 … in its shown order).</summary>
    public async Task<IActionResult> OnPostMoveItemAsync(int id, bool up)
    {
        var items = await db.ChecklistItems.OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync();
        var index = items.FindIndex(i => i.Id == id);
        if (index < 0) return NotFound();
        var other = up ? index - 1 : index + 1;
        if (other >= 0 && other < items.Count) (items[index], items[other]) = (items[other], items[index]);
        for (var i = 0; i < items.Count; i++) items[i].Reorder(i + 1);
        await db.SaveChangesAsync();
        return RedirectToPage(null, null, "checklist");
    }

    public async Task<IActionResult> OnPostItemActiveAsync(int id, bool active)
    {
        var item = await db.ChecklistItems.SingleOrDefaultAsync(i => i.Id == id);
        if (item is null) return NotFound();
        item.SetActive(active);
        await db.SaveChangesAsync();
        Status.Set(TempData, active ? l["Reactivated the checklist item {0}.", item.Text] : l["Retired the checklist item {0}: new cases do not show it; existing ticks are kept.", item.Text]);
        return RedirectToPage(null, null, "checklist");
    }

    internal static void ValidateItemText(string? text, string field, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, IStringLocalizer l)
    {
        if (string.IsNullOrWhiteSpace(text)) state.AddModelError(field, l["Enter the text of the item."]);
        else if (text.Trim().Length > ChecklistItem.TextMaxLength) state.AddModelError(field, l["The item can have at most {0} characters.", ChecklistItem.TextMaxLength]);
    }

    private async Task LoadAsync()
    {
        var all = await CategoryRules.AllAsync(db);
        Categories = CategoryRules.Tree(all);
        ParentChoices = CategoryRules.ParentChoices(all, NewCategory.ParentCode);
        Items = await db.ChecklistItems.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync();
    }

    public sealed class NewCategoryInput
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? ParentCode { get; set; }
    }

    public sealed class NewItemInput
    {
        public string? Text { get; set; }
    }
}
