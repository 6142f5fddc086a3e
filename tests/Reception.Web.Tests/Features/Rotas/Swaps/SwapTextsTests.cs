using System.Reflection;
using System.Xml.Linq;
using Reception.Core.Rotas.Model;
using Reception.Web.Features.Rotas.Swaps;

namespace Reception.Web.Tests.Features.Rotas.Swaps;

/// <summary>
/// The swap messages are kept as constants and rendered later (notifications in each recipient's language),
/// so the resource scan of l["…"] calls does not see them: check them here, with the status and action labels.
/// </summary>
public sealed class SwapTextsTests
{
    [Fact]
    public void EveryMessageConstant_HasAChineseTranslation()
    {
        var zh = Resource("zh-CN");
        var keys = new[] { typeof(SwapService), typeof(CreateModel), typeof(DetailModel) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => v.Contains(' ', StringComparison.Ordinal))
            .ToList();

        Assert.True(keys.Count >= 15, $"only {keys.Count} messages found");
        var missing = keys.Where(k => !zh.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Missing from SharedResource.zh-CN.resx:\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void EveryKindStatusAndAction_HasALabel(string culture)
    {
        var resource = Resource(culture);
        var keys = Enum.GetNames<SwapKind>().Select(n => "SwapKind." + n)
            .Concat(Enum.GetNames<SwapStatus>().Select(n => "SwapStatus." + n))
            .Concat(Enum.GetNames<SwapAction>().Select(n => "SwapAction." + n));

        var missing = keys.Where(k => !resource.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"Missing from SharedResource.{culture}.resx:\n" + string.Join("\n", missing));
    }

    private static Dictionary<string, string> Resource(string culture)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Reception.sln"))) dir = dir.Parent;
        return XDocument.Load(Path.Combine(dir.FullName, "src", "Reception.Web", "Resources", $"SharedResource.{culture}.resx")).Root!
            .Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
    }
}
