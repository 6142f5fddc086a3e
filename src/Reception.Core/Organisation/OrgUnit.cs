using System.Text.RegularExpressions;
using Reception.Core.Common;

namespace Reception.Core.Organisation;

/// <summary>
/// A node of the organisation tree. <see cref="Path"/> is the chain of codes from the root
/// ("/demo/dongcheng/"), so "everything in a user's subtree" is one indexed prefix match.
/// The code is immutable once created: it appears in case numbers and public URLs that must never change.
/// </summary>
public sealed partial class OrgUnit : IVersioned
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 100;
    public const int PathMaxLength = 400;

    private OrgUnit() { Code = Name = Path = ""; }

    public OrgUnit(string code, string name, OrgUnitKind kind, OrgUnit? parent, int sortOrder = 0)
    {
        Code = NormalizeCode(code);
        if (!IsValidCode(Code)) throw new ArgumentException($"Invalid org unit code '{code}'.", nameof(code));
        if (parent is null ? !kind.CanBeRoot() : !kind.CanBeChildOf(parent.Kind))
            throw new ArgumentException($"A {kind} cannot sit under {parent?.Kind.ToString() ?? "nothing"}.", nameof(kind));
        Name = name.Trim();
        Kind = kind;
        Parent = parent;
        ParentId = parent?.Id;
        Path = (parent?.Path ?? "/") + Code + "/";
        SortOrder = sortOrder;
        IsActive = true;
    }

    public int Id { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public OrgUnitKind Kind { get; private set; }
    public int? ParentId { get; private set; }
    public OrgUnit? Parent { get; private set; }
    public string Path { get; private set; }
    public int Depth => Path.Count(c => c == '/') - 1;
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; }
    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public void Rename(string name, int sortOrder)
    {
        Name = name.Trim();
        SortOrder = sortOrder;
    }

    /// <summary>The prefix of this office's 督办通知书 numbers (e.g. 演示信督); null = <see cref="Cases.NoticeNumber.DefaultPrefix"/> of its name.</summary>
    public string? NoticePrefix { get; private set; }

    /// <summary>The prefix actually used for this office's notice numbers.</summary>
    public string EffectiveNoticePrefix => NoticePrefix ?? Cases.NoticeNumber.DefaultPrefix(Name);

    /// <summary>Sets (or, with blank, clears) the notice-number prefix; false when it is not a usable prefix.</summary>
    public bool SetNoticePrefix(string? prefix)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            NoticePrefix = null;
            return true;
        }
        if (!Cases.NoticeNumber.IsValidPrefix(prefix)) return false;
        NoticePrefix = prefix.Trim();
        return true;
    }

    public void Deactivate() => IsActive = false;
    public void Activate() => IsActive = true;

    /// <summary>True when <paramref name="other"/> is this unit or lies below it.</summary>
    public bool Contains(OrgUnit other) => other.Path.StartsWith(Path, StringComparison.Ordinal);

    public static string NormalizeCode(string code) => code.Trim().ToLowerInvariant();

    public static bool IsValidCode(string code) => CodePattern().IsMatch(code);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,19}$")]
    private static partial Regex CodePattern();
}
