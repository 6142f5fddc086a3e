using Microsoft.AspNetCore.Identity;
using Reception.Core.Audit;
using Reception.Web.Audit;
using Reception.Web.Authorization.Sessions;
using Reception.Web.Data.Seed;

namespace Reception.Web.Features.Audit;

/// <summary>
/// The command line for the people who run the server:
/// <list type="bullet">
/// <item><c>audit verify [--data-dir DIR]</c> — checks the audit log's hash chain; prints the number of records checked, or
/// the first broken record. Exit code 0 intact, 1 broken.</item>
/// <item><c>users unlock NAME [--data-dir DIR]</c> — lifts the sign-in delays of an account (the root administrator's
/// too, when no one can sign in to do it); recorded in the audit log. Exit code 0 done, 1 no such account.</item>
/// <item><c>users reset-2fa NAME [--data-dir DIR]</c> — switches the account's two-factor sign-in off and removes its
/// authenticator key and recovery codes (a lost phone; the root administrator's too); its sessions end; recorded in the
/// audit log. Exit code 0 done, 1 no such account.</item>
/// </list>
/// Wrong usage: exit code 2.
/// </summary>
public static class AuditCommand
{
    public const string Usage = "Usage: audit verify [--data-dir DIR] | users unlock NAME [--data-dir DIR] | users reset-2fa NAME [--data-dir DIR]";

    public static bool IsCommand(string[] args) => args.Length > 0 && (args[0] == "audit" || args[0] == "users");

    public static async Task<int> RunCommandAsync(string[] args, TimeProvider clock, TextWriter stdout, TextWriter stderr,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var dataDir = OptionValue(args, "--data-dir");
        var positional = args.Where((a, i) => a != "--data-dir" && (i == 0 || args[i - 1] != "--data-dir")).ToArray();
        var verb = positional.Length > 1 ? positional[0] + " " + positional[1] : "";
        if (verb is not ("audit verify" or "users unlock" or "users reset-2fa") || (verb.StartsWith("users", StringComparison.Ordinal) && positional.Length != 3) || (verb == "audit verify" && positional.Length != 2))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        if (dataDir is not null) builder.Configuration[ReceptionOptions.Section + ":DataDirectory"] = Path.GetFullPath(dataDir);
        // Settings a service's environment would carry (tests: the personal data key); the real command reads the environment.
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(clock);
        builder.AddReception();
        builder.AddFeatures();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<DatabaseInitializer>().PrepareAsync();
        var db = services.GetRequiredService<AppDbContext>();

        if (verb == "audit verify")
        {
            var result = await AuditVerification.VerifyAsync(db);
            if (result.IsIntact)
            {
                await stdout.WriteLineAsync($"intact: {result.Checked} records checked (No. {result.FirstId?.ToString(CultureInfo.InvariantCulture) ?? "-"} to {result.LastId?.ToString(CultureInfo.InvariantCulture) ?? "-"}).");
                return 0;
            }
            await stdout.WriteLineAsync($"broken: first broken record No. {result.FirstBrokenId} ({result.Reason}); {result.Checked} records checked.");
            return 1;
        }

        var name = positional[2];
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(name);
        if (user is null)
        {
            await stderr.WriteLineAsync($"No account named {name}.");
            return 1;
        }
        var commandLine = new AuditActor(null, "command-line", null, null, Environment.MachineName);
        if (verb == "users reset-2fa")
        {
            await TwoFactorReset.ResetAsync(users, user);
            await new UserSessions(db).EndAllAsync(user.Id);
            await services.GetRequiredService<AuditLog>().RecordAsync(commandLine,
                AuditActions.TwoFactorReset, AuditOutcome.Success, "user:" + user.UserName, "users reset-2fa; sessions ended");
            await stdout.WriteLineAsync($"{user.UserName}: two-factor sign-in reset; the account signs in with its password and enrols again.");
            return 0;
        }
        await services.GetRequiredService<SignInThrottling>().UnlockAsync(name);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await services.GetRequiredService<AuditLog>().RecordAsync(commandLine,
            AuditActions.UserUnlock, AuditOutcome.Success, "user:" + user.UserName, "users unlock");
        await stdout.WriteLineAsync($"{user.UserName}: sign-in delays lifted.");
        return 0;
    }

    private static string? OptionValue(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
