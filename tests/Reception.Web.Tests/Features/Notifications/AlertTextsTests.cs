using System.Xml.Linq;
using Reception.Web.Features.Notifications;

namespace Reception.Web.Tests.Features.Notifications;

/// <summary>The jobs' message keys are passed as <c>new Message(AlertTexts.X, …)</c>, which the resource scan does not see.</summary>
public sealed class AlertTextsTests
{
    [Fact]
    public void EveryMessageKey_HasAChineseTranslation_WithTheSamePlaceholders()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Reception.slnx")) && !Directory.Exists(Path.Combine(dir, "src", "Reception.Web"))) dir = Path.GetDirectoryName(dir)!;
        var zh = XDocument.Load(Path.Combine(dir, "src", "Reception.Web", "Resources", "SharedResource.zh-CN.resx")).Root!
            .Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        Assert.True(AlertTexts.All.Count > 20);
        foreach (var key in AlertTexts.All)
        {
            Assert.True(zh.TryGetValue(key, out var text), $"Missing from SharedResource.zh-CN.resx: {key}");
            static IEnumerable<string> Slots(string s) => System.Text.RegularExpressions.Regex.Matches(s, @"\{(\d+)").Select(m => m.Groups[1].Value).Distinct().Order();
            Assert.Equal(Slots(key), Slots(text!));
        }
    }
}
