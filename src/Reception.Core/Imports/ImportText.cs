using Reception.Core.Organisation;

namespace Reception.Core.Imports;

internal static class ImportText
{
    /// <summary>Keeps messages readable when a cell holds a paragraph.</summary>
    public static string Shorten(string value) => ContactRules.Shorten(value);

    /// <summary>Errors in line order (stable: errors of one line keep their order).</summary>
    public static IReadOnlyList<ImportError> ByLine(List<ImportError> errors) => errors.OrderBy(e => e.Line).ToList();
}
