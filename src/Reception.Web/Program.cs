using Reception.Web.Features;

// `dotnet run --project src/Reception.Web -- restore <backup file> [--data-dir DIR]`: a SQLite backup back in place (app stopped).
if (Reception.Web.Jobs.RestoreCommand.IsCommand(args))
{
    Environment.ExitCode = await Reception.Web.Jobs.RestoreCommand.RunCommandAsync(args, TimeProvider.System);
    return;
}

// `dotnet run --project src/Reception.Web -- holidays parse FILE | holidays show YEAR [--data-dir DIR]`: the holiday calendar as CSV.
if (Reception.Web.Features.Calendar.HolidaysCommand.IsCommand(args))
{
    await using var stdout = Console.OpenStandardOutput();
    Environment.ExitCode = await Reception.Web.Features.Calendar.HolidaysCommand.RunCommandAsync(args, TimeProvider.System, stdout, Console.Error);
    return;
}

// `dotnet run --project src/Reception.Web -- audit verify | users unlock NAME [--data-dir DIR]`: the audit chain's check; lifting sign-in delays.
if (Reception.Web.Features.Audit.AuditCommand.IsCommand(args))
{
    Environment.ExitCode = await Reception.Web.Features.Audit.AuditCommand.RunCommandAsync(args, TimeProvider.System, Console.Out, Console.Error);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddReception();
builder.AddFeatures();

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseReception();
app.MapFeatures();
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
