using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Reception.Core.Tests.Calendar;

/// <summary>
/// npm lunar-javascript (6tail, 寿星万年历's algorithms, its own ephemeris and lunar tables), run by <c>node</c>: the
/// independent peer for lunar festival dates and solar terms. Loaded from <c>$RECEPTION_TEST_NODE_MODULES</c> or
/// <c>tests/.tools/node_modules</c> (tests/run.sh installs it). Missing node or package: the methods throw, never skip.
/// </summary>
public static class LunarJavascript
{
    public const string Version = "1.7.7";

    /// <summary>One year's lunar festivals as lunar-javascript gives them.</summary>
    public sealed record Festivals(int Year, DateOnly NewYearsEve, DateOnly NewYear, DateOnly Qingming, DateOnly DragonBoat, DateOnly MidAutumn);

    public static async Task<IReadOnlyList<Festivals>> FestivalsAsync(int from, int to) =>
        (await RunAsync("festivals.js", from, to))
            .Select(f => new Festivals(int.Parse(f[0], CultureInfo.InvariantCulture), D(f[1]), D(f[2]), D(f[3]), D(f[4]), D(f[5])))
            .ToList();

    /// <summary>The instant of 清明 in China Standard Time, per year.</summary>
    public static async Task<IReadOnlyDictionary<int, DateTime>> QingmingAsync(int from, int to) =>
        (await RunAsync("qingming.js", from, to)).ToDictionary(
            f => int.Parse(f[0], CultureInfo.InvariantCulture),
            f => DateTime.ParseExact(f[1], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<List<string[]>> RunAsync(string script, int from, int to)
    {
        var modules = NodeModules();
        var package = Path.Combine(modules, "lunar-javascript", "package.json");
        if (!File.Exists(package))
        {
            throw new FileNotFoundException(
                $"lunar-javascript is not installed in {modules}. tests/run.sh installs it; by hand: " +
                $"npm install --prefix tests/.tools --no-audit --no-fund --no-package-lock lunar-javascript@{Version} (with the other packages of tests/run.sh)", package);
        }

        using (var json = JsonDocument.Parse(await File.ReadAllBytesAsync(package)))
        {
            var version = json.RootElement.GetProperty("version").GetString();
            if (version != Version)
            {
                throw new InvalidOperationException($"{package} is lunar-javascript {version}; the tests pin {Version} (tests/run.sh).");
            }
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Calendar", "lunar", script));
        start.ArgumentList.Add(modules);
        start.ArgumentList.Add(from.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(to.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} failed ({process.ExitCode}): {await error}");
        }

        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
    }

    private static string NodeModules()
    {
        if (Environment.GetEnvironmentVariable("RECEPTION_TEST_NODE_MODULES") is { Length: > 0 } path)
        {
            return path;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reception.sln")))
            {
                return Path.Combine(dir.FullName, "tests", ".tools", "node_modules");
            }
        }

        throw new InvalidOperationException("Reception.sln not found above " + AppContext.BaseDirectory);
    }
}
