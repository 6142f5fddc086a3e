using System.Text.Json;
using Microsoft.Playwright;

namespace Reception.Browser.Tests.Infrastructure;

/// <summary>
/// Runs axe-core (the npm package, installed by tests/run.sh into tests/.tools) in a page and reports
/// WCAG 2.1 A/AA violations as readable lines.
/// </summary>
public static class Axe
{
    public const string Variable = "RECEPTION_TEST_AXE";
    public const string Version = "4.14.1";

    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>axe.min.js: $RECEPTION_TEST_AXE, or tests/.tools/node_modules/axe-core/axe.min.js.</summary>
    public static string ScriptPath =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
            ? path
            : Path.Combine(RepositoryRoot(), "tests", ".tools", "node_modules", "axe-core", "axe.min.js");

    /// <summary>Makes axe available in every page of the context (an init script is not subject to the page's CSP).</summary>
    public static async Task AddToAsync(IBrowserContext context)
    {
        var path = ScriptPath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"axe-core is not installed at {path}. tests/run.sh installs it; by hand: " +
                $"npm install --prefix tests/.tools --no-audit --no-fund --no-package-lock axe-core@{Version}", path);
        }
        await context.AddInitScriptAsync(scriptPath: path);
    }

    /// <summary>The page's violations of WCAG 2.1 A and AA rules.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> ViolationsAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        var json = await page.EvaluateAsync<string>(
            """
            async tags => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return JSON.stringify(result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\s+/g, ' ') })),
              })));
            }
            """, Tags);
        return JsonSerializer.Deserialize<AxeViolation[]>(json, JsonOptions) ?? [];
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reception.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Reception.sln not found above {AppContext.BaseDirectory}.");
    }
}

/// <summary>One axe rule that failed, with the elements that fail it.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, AxeNode[] Nodes)
{
    public override string ToString() =>
        $"{Id} ({Impact}): {Help}" + string.Concat(Nodes.Take(5).Select(n => $"\n      {n.Target} — {n.Summary}")) +
        (Nodes.Length > 5 ? $"\n      … and {Nodes.Length - 5} more" : "");
}

public sealed record AxeNode(string Target, string Summary);
