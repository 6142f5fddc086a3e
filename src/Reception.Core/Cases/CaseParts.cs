namespace Reception.Core.Cases;

/// <summary>A co-handling unit (协办单位) of a case.</summary>
public sealed class CaseCoHandlingUnit
{
    private CaseCoHandlingUnit() { }

    internal CaseCoHandlingUnit(int orgUnitId) => OrgUnitId = orgUnitId;

    public int Id { get; private set; }
    public int PetitionCaseId { get; private set; }
    public int OrgUnitId { get; private set; }
}

/// <summary>One ticked (or unticked) item of a case's 包案 checklist.</summary>
public sealed class CaseChecklistEntry
{
    private CaseChecklistEntry() { }

    internal CaseChecklistEntry(int itemId) => ItemId = itemId;

    public int Id { get; private set; }
    public int PetitionCaseId { get; private set; }
    public int ItemId { get; private set; }
    public bool IsDone { get; private set; }
    public string? ChangedByUserId { get; private set; }
    public DateTime? ChangedAtUtc { get; private set; }

    internal void Set(bool done, string userId, DateTime nowUtc)
    {
        IsDone = done;
        ChangedByUserId = userId;
        ChangedAtUtc = nowUtc;
    }
}

/// <summary>
/// An item of the 包案 checklist, configured per deployment (commonly 一名领导、一个专班、一个方案、一套档案、一个时限).
/// Items are retired, not deleted, so old cases keep their ticks.
/// </summary>
public sealed class ChecklistItem
{
    public const int TextMaxLength = 100;

    public static readonly IReadOnlyList<string> Defaults = ["一名包案领导", "一个工作专班", "一套化解方案", "一套工作档案", "一个办结时限"];

    private ChecklistItem() { Text = ""; }

    public ChecklistItem(string text, int sortOrder)
    {
        Rename(text);
        SortOrder = sortOrder;
        IsActive = true;
    }

    public int Id { get; private set; }
    public string Text { get; private set; }
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Text))]
    public void Rename(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > TextMaxLength) throw new ArgumentException("1..100 characters.", nameof(text));
        Text = text.Trim();
    }

    public void Reorder(int sortOrder) => SortOrder = sortOrder;

    public void SetActive(bool active) => IsActive = active;
}

/// <summary>
/// A category of petition matters, in an admin-editable tree (征地拆迁, 城乡建设 …). The code is immutable (cases keep it);
/// a category is retired rather than deleted.
/// </summary>
public sealed class CaseCategory
{
    public const int NameMaxLength = 50;

    /// <summary>The DESIGN.md top level: code, name.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Defaults =
    [
        ("land", "征地拆迁"), ("construction", "城乡建设"), ("labour", "劳动社保"), ("rural", "农村农业"),
        ("enterprise", "企业改制"), ("legal", "涉法涉诉"), ("health", "卫生健康"), ("environment", "生态环境"),
        ("education", "教育"), ("civil", "民政"), ("transport", "交通"), ("property", "物业"), ("other", "其他"),
    ];

    private CaseCategory() { Code = Name = ""; }

    public CaseCategory(string code, string name, string? parentCode, int sortOrder)
    {
        if (!IsValidCode(code)) throw new ArgumentException("Invalid category code.", nameof(code));
        Code = code.Trim().ToLowerInvariant();
        Rename(name);
        ParentCode = string.IsNullOrWhiteSpace(parentCode) ? null : parentCode.Trim().ToLowerInvariant();
        SortOrder = sortOrder;
        IsActive = true;
    }

    public int Id { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public string? ParentCode { get; private set; }
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; }

    public static bool IsValidCode(string? code) =>
        !string.IsNullOrWhiteSpace(code) && code.Trim().Length <= PetitionCase.CategoryCodeMaxLength
        && code.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>The stored form of a code: trimmed, lower-case.</summary>
    public static string NormalizeCode(string code) => code.Trim().ToLowerInvariant();

    /// <summary>
    /// Whether putting the category <paramref name="code"/> under <paramref name="newParentCode"/> would close a loop: the
    /// new parent is the category itself or one of its descendants. <paramref name="parentOf"/> gives each code's
    /// current parent (null at the top); a loop already in the data is walked once, not forever.
    /// </summary>
    public static bool WouldCycle(string code, string? newParentCode, IReadOnlyDictionary<string, string?> parentOf)
    {
        ArgumentNullException.ThrowIfNull(parentOf);
        var self = NormalizeCode(code);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = string.IsNullOrWhiteSpace(newParentCode) ? null : NormalizeCode(newParentCode);
             current is not null && seen.Add(current);
             current = parentOf.GetValueOrDefault(current))
        {
            if (current == self) return true;
        }
        return false;
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Name))]
    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMaxLength) throw new ArgumentException("1..50 characters.", nameof(name));
        Name = name.Trim();
    }

    public void Move(string? parentCode, int sortOrder)
    {
        ParentCode = string.IsNullOrWhiteSpace(parentCode) ? null : parentCode.Trim().ToLowerInvariant();
        SortOrder = sortOrder;
    }

    public void SetActive(bool active) => IsActive = active;
}
