namespace Reception.Web.Data.Seed;

/// <summary>The seeders' log lines (source-generated).</summary>
public static partial class SeedLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first administrator account.")]
    public static partial void AdminCreated(this ILogger log);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {Role} account was created: set Reception__Admin__{Setting} on the first start.")]
    public static partial void SeparateAccountSkipped(this ILogger log, string role, string setting);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo city 演示市 (accounts listed in README.md); its {Count} cases took {Elapsed} ms.")]
    public static partial void DemoSeeded(this ILogger log, int count, int elapsed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted the personal data of {Count} petitioner rows with the current key.")]
    public static partial void PersonalDataProtected(this ILogger log, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built the case search index for {Count} existing cases.")]
    public static partial void SearchIndexBuilt(this ILogger log, int count);
}
