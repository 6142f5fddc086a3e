using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Reception.Core.Calendar;
using Reception.Core.Imports;
using Reception.Core.Organisation;
using Reception.Web.Authorization;

namespace Reception.Web.Tests.Localization;

/// <summary>
/// Keys are English texts, so a missing Chinese translation would silently show English to a
/// county clerk. These tests read every text the code asks to be localized and demand a zh-CN entry.
/// </summary>
public sealed partial class ResourceCoverageTests
{
    private static readonly string RepoRoot = FindRepoRoot();
    private static readonly string WebRoot = Path.Combine(RepoRoot, "src", "Reception.Web");

    [Fact]
    public void EveryLocalizedTextInTheWebProject_HasAChineseTranslation()
    {
        var zh = Resource("SharedResource.zh-CN.resx");
        var missing = SourceKeys().Where(k => !zh.ContainsKey(k)).Distinct().Order().ToList();

        Assert.True(missing.Count == 0, "Missing from SharedResource.zh-CN.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryDomainMessageAndLabel_HasAChineseTranslation()
    {
        var zh = Resource("SharedResource.zh-CN.resx");
        var missing = DomainKeys().Concat(LabelKeys()).Where(k => !zh.ContainsKey(k)).Order().ToList();

        Assert.True(missing.Count == 0, "Missing from SharedResource.zh-CN.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void LabelKeys_HaveEnglishTexts()
    {
        // "Role.Clerk" is a key, not English: the English resource must spell these out.
        var en = Resource("SharedResource.en.resx");
        var missing = LabelKeys().Where(k => !en.ContainsKey(k)).Order().ToList();

        Assert.True(missing.Count == 0, "Missing from SharedResource.en.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Translations_KeepTheirPlaceholders()
    {
        var zh = Resource("SharedResource.zh-CN.resx");
        var broken = zh.Where(p => Placeholders(p.Key) != Placeholders(p.Value) || string.IsNullOrWhiteSpace(p.Value))
            .Select(p => $"{p.Key} → {p.Value}").ToList();

        Assert.True(broken.Count == 0, "Translations whose {n} placeholders differ from the key:\n" + string.Join("\n", broken));
    }

    private static string Placeholders(string text) =>
        string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Value).Distinct().Order());

    [Fact]
    public void SourceScan_FindsTheTextsItLooksFor()
    {
        // Guards the scanner itself: if its patterns stopped matching, the coverage test would pass on nothing.
        var keys = SourceKeys().ToHashSet();
        Assert.Contains("Save", keys);                       // L["…"] in a view
        Assert.Contains("Enter the {0}.", keys);             // ErrorMessage = "…"
        Assert.Contains("Rotation order", keys);             // Display(Name = "…")
        Assert.Contains("Holiday calendar", keys);           // navigation entry
        Assert.Contains("The current password is not correct.", keys); // Identity error describer
        Assert.True(keys.Count > 150, $"only {keys.Count} keys found");
    }

    private static IEnumerable<string> SourceKeys()
    {
        var files = Directory.EnumerateFiles(WebRoot, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var regex in new[] { LocalizerCall(), ErrorMessage(), DisplayName(), NavItem(), DescriberCall() })
            {
                foreach (Match m in regex.Matches(text))
                {
                    foreach (var group in m.Groups.Cast<Group>().Skip(1).Where(g => g.Success))
                    {
                        var key = group.Value.Replace("\\\"", "\"", StringComparison.Ordinal);
                        if (!(key.EndsWith('.') && !key.Contains(' ', StringComparison.Ordinal))) yield return key; // "Role." + role: a prefix, covered by LabelKeys
                    }
                }
            }
        }
    }

    private static IEnumerable<string> DomainKeys()
    {
        foreach (var type in new[] { typeof(CalendarMessages), typeof(ImportMessageKeys), typeof(ContactRules), typeof(Reception.Core.Rotas.RotaMessages), typeof(Reception.Web.Features.Org.ImportModel),
                     typeof(Reception.Core.Cases.CaseMessages), typeof(Reception.Core.Cases.Deadlines.DeadlineMessages),
                     typeof(Reception.Core.Cases.IntakeRules), typeof(Reception.Core.Cases.CaseNumber), typeof(Reception.Core.Cases.IdentityNumber),
                     typeof(Reception.Web.Features.Home.AgendaTexts), typeof(Reception.Core.Cases.Import.LedgerImportMessages) })
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            {
                var value = (string)field.GetRawConstantValue()!;
                if (value.Contains(' ', StringComparison.Ordinal)) yield return value; // messages, not codes or file names
            }
        }
    }

    private static IEnumerable<string> LabelKeys() =>
        Roles.All.Select(r => "Role." + r)
            .Concat(Enum.GetNames<LeadingBody>().Select(n => "LeadingBody." + n))
            .Concat(Enum.GetNames<OrgUnitKind>().Select(n => "OrgUnitKind." + n))
            .Concat(Enum.GetNames<Reception.Core.Rotas.RotaPattern>().Select(n => "RotaPattern." + n))
            .Concat(Enum.GetNames<Reception.Core.Rotas.RotaWarningKind>().Select(n => "RotaWarningKind." + n))
            .Concat(Enum.GetNames<Reception.Core.Rotas.UnavailabilityReason>().Select(n => "UnavailabilityReason." + n))
            .Concat(Enum.GetNames<Reception.Core.Rotas.Model.DutySource>().Select(n => "DutySource." + n))
            .Concat(Enum.GetNames<Reception.Core.Cases.Channel>().Select(n => "Channel." + n))
            .Concat(Enum.GetNames<Reception.Core.Cases.Import.LedgerField>().Select(n => "LedgerField." + n))
            .Concat(Enum.GetNames<Reception.Core.Cases.CaseState>().Select(n => "CaseState." + n))
            .Concat(Enum.GetNames<Reception.Core.Cases.Evaluation>().Select(n => "Evaluation." + n))
            .Concat(Enum.GetNames<Reception.Core.Cases.AppealLevel>().Select(n => "AppealLevel." + n))
            .Concat(Enum.GetNames<Reception.Core.Cases.CaseFlags>().Select(n => "CaseFlags." + n))
            .Concat(Enum.GetNames<Reception.Core.Cases.CaseEventKind>().Select(n => "CaseEventKind." + n))
            .Concat(Enum.GetNames<Reception.Core.Cases.Deadlines.SupervisionColour>().Select(n => "SupervisionColour." + n))
            .Concat(Enum.GetNames<Reception.Core.Cases.Deadlines.DeadlineUnit>().Select(n => "DeadlineUnit." + n))
            .Concat(Enum.GetNames<Reception.Core.Cases.Deadlines.ClockStatus>().Select(n => "ClockStatus." + n))
            .Concat(Enum.GetNames<Reception.Core.Rotas.Model.VisitKind>().Select(n => "VisitKind." + n))
            .Concat(Reception.Core.Notifications.NotificationKinds.All.Select(k => "NotificationKind." + k.Key))
            .Concat(Enum.GetNames<Reception.Core.Mail.OutboxStatus>().Select(n => "OutboxStatus." + n))
            .Concat(Enum.GetNames<Reception.Core.Jobs.JobRunOutcome>().Select(n => "JobRunOutcome." + n))
            .Concat(Enum.GetNames<DayOfWeek>().SelectMany(n => new[] { "Weekday." + n, "Weekday." + n + ".Short" }));

    private static Dictionary<string, string> Resource(string file) =>
        XDocument.Load(Path.Combine(WebRoot, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Reception.sln"))) return dir.FullName;
        throw new InvalidOperationException("Reception.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\b[lL]\[\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"ErrorMessage\s*=\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ErrorMessage();

    [GeneratedRegex(@"Display\(Name\s*=\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex DisplayName();

    [GeneratedRegex(@"new\(""/[^""]+"",\s*""([^""]+)"",\s*""([^""]+)""")]
    private static partial Regex NavItem();

    [GeneratedRegex(@"E\(nameof\(\w+\),\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex DescriberCall();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
