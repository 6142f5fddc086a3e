using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Cases;

namespace Reception.Web.Features.Cases.Settings;

/// <summary>The category tree as shown (depth-first, siblings by sort order then code) and the checks shared by adding and moving.</summary>
public static class CategoryRules
{
    public sealed record TreeRow(CaseCategory Category, int Depth);

    public static async Task<List<CaseCategory>> AllAsync(AppDbContext db) =>
        await db.CaseCategories.AsNoTracking().ToListAsync();

    /// <summary>Depth-first; a category whose parent is missing (or part of a loop) is shown at the top rather than lost.</summary>
    public static IReadOnlyList<TreeRow> Tree(IReadOnlyList<CaseCategory> all)
    {
        var codes = all.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var children = all.Where(c => c.ParentCode is not null && codes.Contains(c.ParentCode))
            .ToLookup(c => c.ParentCode!, StringComparer.Ordinal);
        var rows = new List<TreeRow>();
        var placed = new HashSet<string>(StringComparer.Ordinal);

        void Walk(CaseCategory c, int depth)
        {
            if (!placed.Add(c.Code)) return;
            rows.Add(new TreeRow(c, depth));
            foreach (var child in Ordered(children[c.Code])) Walk(child, depth + 1);
        }

        foreach (var root in Ordered(all.Where(c => c.ParentCode is null || !codes.Contains(c.ParentCode)))) Walk(root, 0);
        foreach (var rest in Ordered(all.Where(c => !placed.Contains(c.Code)))) Walk(rest, 0);
        return rows;
    }

    private static IEnumerable<CaseCategory> Ordered(IEnumerable<CaseCategory> categories) =>
        categories.OrderBy(c => c.SortOrder).ThenBy(c => c.Code, StringComparer.Ordinal);

    /// <summary>Parent choices: active categories, indented, except <paramref name="movingCode"/> and its descendants.</summary>
    public static List<SelectListItem> ParentChoices(IReadOnlyList<CaseCategory> all, string? selected, string? movingCode = null)
    {
        var parentOf = all.ToDictionary(c => c.Code, c => c.ParentCode, StringComparer.Ordinal);
        return Tree(all)
            .Where(r => r.Category.IsActive && (movingCode is null || !CaseCategory.WouldCycle(movingCode, r.Category.Code, parentOf)))
            .Select(r => new SelectListItem(new string('\u3000', r.Depth) + r.Category.Name + "（" + r.Category.Code + "）", r.Category.Code,
                r.Category.Code == selected))
            .ToList();
    }

    public static void ValidateName(string? name, string field, ModelStateDictionary state, IStringLocalizer l)
    {
        if (string.IsNullOrWhiteSpace(name)) state.AddModelError(field, l["Enter the name."]);
        else if (name.Trim().Length > CaseCategory.NameMaxLength) state.AddModelError(field, l["The name can have at most {0} characters.", CaseCategory.NameMaxLength]);
    }

    /// <summary>
    /// The parent must be an active category (or none, for the top), and must not be the category itself or below it.
    /// Returns the normalised parent code (null for the top).
    /// </summary>
    public static string? ValidateParent(string? parentCode, string? movingCode, IReadOnlyList<CaseCategory> all, string field,
        ModelStateDictionary state, IStringLocalizer l)
    {
        if (string.IsNullOrWhiteSpace(parentCode)) return null;
        var code = CaseCategory.NormalizeCode(parentCode);
        var parentOf = all.ToDictionary(c => c.Code, c => c.ParentCode, StringComparer.Ordinal);
        if (movingCode is not null && CaseCategory.WouldCycle(movingCode, code, parentOf))
            state.AddModelError(field, l["A category cannot be moved under itself or one of its subcategories."]);
        else if (all.FirstOrDefault(c => c.Code == code) is not { IsActive: true })
            state.AddModelError(field, l["Choose a parent category from the list."]);
        return code;
    }

    /// <summary>The next sort order among the children of <paramref name="parentCode"/>.</summary>
    public static int NextSortOrder(IReadOnlyList<CaseCategory> all, string? parentCode) =>
        all.Where(c => c.ParentCode == parentCode).Select(c => c.SortOrder).DefaultIfEmpty(0).Max() + 1;
}
