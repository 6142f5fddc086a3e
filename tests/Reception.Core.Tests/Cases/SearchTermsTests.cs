using Reception.Core.Cases;

namespace Reception.Core.Tests.Cases;

public class SearchTermsTests
{
    private static string[] Terms(string document) => document.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static bool Matches(string query, string[] texts, params string[] names)
    {
        var document = Terms(SearchTerms.Document(texts, names));
        var terms = SearchTerms.Query(query);
        return terms.Count > 0 && terms.All(document.Contains);
    }

    [Fact]
    public void Document_ChineseWithoutSpaces_GivesOverlappingBigrams() =>
        Assert.Equal(["三个", "个月", "工资", "拖欠", "欠工", "资三"], Terms(SearchTerms.Document(["拖欠工资三个月"], [])).Order(StringComparer.Ordinal));

    [Fact]
    public void Document_IsSortedDistinctAndSpaceSeparated()
    {
        var document = SearchTerms.Document(["工资工资", "工资"], []);

        Assert.Equal("工资 资工", document);
    }

    [Fact]
    public void Document_PunctuationAndSpacesSeparateRuns()
    {
        var terms = Terms(SearchTerms.Document(["工资，拖欠。 补偿"], []));

        Assert.Equal(["工资", "拖欠", "补偿"], terms.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("资拖", terms);
    }

    [Fact]
    public void Document_ALoneCharacterIsATerm() =>
        Assert.Equal(["树"], Terms(SearchTerms.Document(["、树。"], [])));

    [Fact]
    public void Document_NamesAlsoGiveEachCharacter() =>
        Assert.Equal(["李", "李桂", "桂", "桂芳", "芳"], Terms(SearchTerms.Document([], ["李桂芳"])).Order(StringComparer.Ordinal));

    [Fact]
    public void Document_FoldsCaseAndFullWidth() =>
        Assert.Equal(SearchTerms.Document(["ab12"], []), SearchTerms.Document(["ＡＢ１２"], []));

    [Fact]
    public void Document_KeepsSupplementaryCharactersWhole()
    {
        var terms = Terms(SearchTerms.Document(["𠮷野家"], []));

        Assert.Equal(["野家", "𠮷野"], terms.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Document_TermsHoldOnlyLettersAndDigits()
    {
        var document = SearchTerms.Document(["a\"b' c:d\\e & f|g (h) *i* 工资!"], ["O'Brien"]);

        Assert.All(Terms(document), t => Assert.True(t.All(char.IsLetterOrDigit), t));
    }

    [Theory]
    [InlineData("工资", true)]
    [InlineData("拖欠工资", true)]
    [InlineData("工资 三个月", true)] // every word
    [InlineData("工资 补偿", false)]
    [InlineData("欠薪", false)]
    [InlineData("桂芳", true)] // a part of a name
    [InlineData("李桂芳", true)]
    [InlineData("李", true)] // a surname
    [InlineData("芳李", false)]
    public void Query_MatchesWhenEveryTermIsThere(string query, bool expected) =>
        Assert.Equal(expected, Matches(query, ["拖欠工资三个月"], "李桂芳"));

    [Fact]
    public void Query_ReplyAndProgressTextsCount() =>
        Assert.True(Matches("已发放", ["反映征地补偿", "信访人反映", "补偿款已发放到户"]));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("，。！")]
    [InlineData(null)]
    public void Query_WithoutLettersOrDigits_HasNoTerms(string? query) => Assert.Empty(SearchTerms.Query(query));
}
