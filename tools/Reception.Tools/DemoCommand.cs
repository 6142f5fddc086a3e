using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Data;
using Reception.Web.Data.Seed;
using Reception.Web.Features.Demo;

namespace Reception.Tools;

/// <summary>
/// <c>demo [--data-dir DIR]</c>: adds the demo city (its units, accounts, rotas and cases, <see cref="DemoSeeder"/>) to a
/// database that has other data already, e.g. the benchmark province, which the app itself would not seed into (it seeds
/// only an empty database). The load run (tools/cluster/load) uses its public rota page, feeds and leaders. Does nothing
/// when the city is there.
/// </summary>
public static class DemoCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? dataDir = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--data-dir" && i + 1 < args.Length) dataDir = args[++i];
            else
            {
                await Console.Error.WriteLineAsync($"Unknown or incomplete option '{args[i]}'. Usage: demo [--data-dir DIR]");
                return 2;
            }
        }

        await using var app = SeedCommand.BuildApp(dataDir);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().PrepareAsync();
        if (await db.OrgUnits.AnyAsync(o => o.Code == DemoData.CityCode))
        {
            Console.WriteLine("The demo city is there already.");
            return 0;
        }
        await scope.ServiceProvider.GetRequiredService<IDemoSeeder>().SeedAsync(CancellationToken.None);
        Console.WriteLine("Added the demo city.");
        return 0;
    }
}
