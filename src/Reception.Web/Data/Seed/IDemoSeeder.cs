namespace Reception.Web.Data.Seed;

/// <summary>Fills an empty database with a demo (Features/Demo: the city 演示市) when the deployment asks for one.</summary>
public interface IDemoSeeder
{
    Task SeedAsync(CancellationToken ct);
}
