using System.Globalization;
using System.Text;

namespace Reception.Core.Cases;

/// <summary>
/// The terms of the case search index: overlapping character bigrams, so Chinese written without spaces is found by any
/// word of two characters or more (工资 in 拖欠工资三个月), and so are Latin words and numbers. Text is cut into runs of
/// letters and digits (anything else separates); each run of two or more characters gives its bigrams (工资三 gives 工资 and
/// 资三), a run of one character gives that character. Letters are lower-cased (invariant) and full-width ASCII folded, so
/// ＡＢ and ab are the same term. A query word matches a text when every term of the word is among the text's terms.
/// <para>Names also give each of their characters alone, so a surname (李) finds the people who bear it.</para>
/// Terms hold letters and digits only, so they can be written into an FTS5 query or a PostgreSQL tsquery unquoted.
/// </summary>
public static class SearchTerms
{
    /// <summary>The distinct terms of a case's texts and its petitioners' names, sorted (ordinal), space-separated.</summary>
    public static string Document(IEnumerable<string?> texts, IEnumerable<string?> names)
    {
        var terms = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in texts) AddBigrams(text, terms);
        foreach (var name in names)
        {
            AddBigrams(name, terms);
            foreach (var run in Runs(name)) foreach (var c in Elements(run)) terms.Add(c);
        }

        return string.Join(' ', terms);
    }

    /// <summary>
    /// The terms a case must have to match <paramref name="text"/>: those of each of its words (white space and punctuation
    /// separate words). Empty when the text has no letter or digit.
    /// </summary>
    public static IReadOnlyList<string> Query(string? text)
    {
        var terms = new SortedSet<string>(StringComparer.Ordinal);
        AddBigrams(text, terms);
        return [.. terms];
    }

    private static void AddBigrams(string? text, SortedSet<string> terms)
    {
        foreach (var run in Runs(text))
        {
            var elements = Elements(run);
            if (elements.Count == 1) terms.Add(elements[0]);
            for (var i = 0; i + 1 < elements.Count; i++) terms.Add(elements[i] + elements[i + 1]);
        }
    }

    /// <summary>The runs of letters and digits, folded (full-width ASCII to ASCII, lower case).</summary>
    private static IEnumerable<string> Runs(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        var run = new StringBuilder();
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            var element = Fold(e.GetTextElement());
            if (IsWordElement(element))
            {
                run.Append(element);
            }
            else if (run.Length > 0)
            {
                yield return run.ToString();
                run.Clear();
            }
        }

        if (run.Length > 0) yield return run.ToString();
    }

    /// <summary>A run's characters as a reader sees them (a supplementary character such as 𠮷 stays whole).</summary>
    private static List<string> Elements(string run)
    {
        var list = new List<string>(run.Length);
        var e = StringInfo.GetTextElementEnumerator(run);
        while (e.MoveNext()) list.Add(e.GetTextElement());
        return list;
    }

    private static bool IsWordElement(string element) =>
        element.Length > 0 && char.IsSurrogatePair(element, 0)
            ? char.IsLetterOrDigit(element, 0)
            : element.Length == 1 && char.IsLetterOrDigit(element[0]);

    private static string Fold(string element)
    {
        if (element.Length == 1)
        {
            var c = element[0];
            if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0); // full-width ASCII
            return char.ToLowerInvariant(c).ToString();
        }

        return element;
    }
}
