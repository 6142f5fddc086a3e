using Reception.Core.Imports;

namespace Reception.Core.Tests.Imports;

internal static class ImportAssert
{
    public static string Csv(params string[] lines) => string.Join("\n", lines) + "\n";

    /// <summary>Asserts the exact errors, in order, as (line, key) pairs.</summary>
    public static void Errors(IReadOnlyList<ImportError> actual, params (int Line, string Key)[] expected)
    {
        var got = actual.Select(e => (e.Line, e.Message.Key)).ToList();
        Assert.True(expected.SequenceEqual(got),
            "Expected:\n  " + string.Join("\n  ", expected) + "\nActual:\n  " + string.Join("\n  ", actual.Select(e => $"({e.Line}, {e.Message})")));
    }

    public static ImportError Single(IReadOnlyList<ImportError> actual, int line, string key)
    {
        Errors(actual, (line, key));
        return actual[0];
    }
}
