using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reception.Web.Features;
using Reception.Web.Infrastructure;

namespace Reception.Tools;

/// <summary>
/// <c>seed [--cases N] [--data-dir DIR] [--force]</c>: builds the app's services over the app's own configuration
/// (<c>src/Reception.Web/appsettings.json</c> and the environment, so the Postgres provider works too), runs
/// <see cref="ScaleSeed"/> and returns the exit code. The data folder defaults to the app's (<c>src/Reception.Web/data</c>);
/// <c>--data-dir</c> is taken relative to the current folder.
/// </summary>
public static class SeedCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var cases = ScaleSeedOptions.DefaultCases;
        string? dataDir = null;
        var force = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--cases" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n > 0:
                    cases = n;
                    i++;
                    break;
                case "--data-dir" when i + 1 < args.Length:
                    dataDir = args[++i];
                    break;
                case "--force":
                    force = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown or incomplete option '{args[i]}'. Usage: seed [--cases N] [--data-dir DIR] [--force]");
                    return 2;
            }
        }

        await using var app = BuildApp(dataDir);
        await using var scope = app.Services.CreateAsyncScope();
        var seed = ActivatorUtilities.CreateInstance<ScaleSeed>(scope.ServiceProvider);
        var where = DatabaseSetup.ParseProvider(app.Configuration[ReceptionOptions.Section + ":Database:Provider"]) == DatabaseProvider.Sqlite
            ? Path.Combine(scope.ServiceProvider.GetRequiredService<DataDirectory>().Path, "reception.db")
            : "PostgreSQL (ConnectionStrings:Reception)";
        Console.WriteLine($"Seeding the province into {where}");
        var result = await seed.RunAsync(new ScaleSeedOptions(cases, force), Console.Out);
        return result is null ? 1 : 0;
    }

    /// <summary>The app's services over its own configuration and the environment (so the Postgres provider works too).</summary>
    internal static WebApplication BuildApp(string? dataDir)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = WebProjectDirectory() });
        if (dataDir is not null) builder.Configuration[ReceptionOptions.Section + ":DataDirectory"] = Path.GetFullPath(dataDir);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The province is fictional: without a configured personal data key, one is generated beside the database.
        Reception.Web.Data.PersonalData.PersonalDataKeys.UseGeneratedKeyUnlessConfigured(builder.Configuration,
            DatabaseSetup.ResolveDataDirectory(new ReceptionOptions { DataDirectory = builder.Configuration[ReceptionOptions.Section + ":DataDirectory"] },
                builder.Environment.ContentRootPath));
        builder.AddReception();
        builder.AddFeatures();
        return builder.Build();
    }

    /// <summary>The web app's project folder (its appsettings.json), found above the tool's output folder or the current one.</summary>
    private static string WebProjectDirectory()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var web = Path.Combine(dir.FullName, "src", "Reception.Web");
                if (File.Exists(Path.Combine(dir.FullName, "Reception.sln")) && Directory.Exists(web)) return web;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
