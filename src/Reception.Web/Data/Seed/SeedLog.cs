namespace Reception.Web.Data.Seed;

/// <summary>The seeders' log lines (source-generated).</summary>
public static partial class SeedLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first administrator account.")]
    public static partial void AdminCreated(this ILogger log);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo city 演示市 (accounts listed in README.md); its {Count} cases took {Elapsed} ms.")]
    public static partial void DemoSeeded(this ILogger log, int count, int elapsed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted the personal data of {Count} petitioner rows with the current key.")]
    public static partial void PersonalDataProtected(this ILogger log, int count);
}
