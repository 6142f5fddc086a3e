using Microsoft.AspNetCore.Identity;
using Reception.Web.Data.Seed;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Rotas;

namespace Reception.Web.Features.Demo;

/// <summary>The demo city: its organisation and accounts, its rotas, then its cases.</summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, RotaPlanner planner, CaseService cases, TimeProvider clock,
    ILogger<DemoSeeder> log) : IDemoSeeder
{
    public async Task SeedAsync(CancellationToken ct)
    {
        await new DemoData(db, users).SeedAsync(ct);
        await new DemoRotas(db, planner, clock).SeedAsync(ct);
        var started = clock.GetTimestamp();
        await new DemoCases(db, cases, clock).SeedAsync(ct);
        var elapsed = (int)clock.GetElapsedTime(started).TotalMilliseconds;
        log.DemoSeeded(DemoCases.Total, elapsed);
    }
}
