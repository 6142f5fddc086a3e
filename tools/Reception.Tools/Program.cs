namespace Reception.Tools;

/// <summary>The tools' entry point (a named class, so that the app's <c>Program</c> stays the only one the tests see).</summary>
public static class ToolsProgram
{
    /// <summary><c>dotnet run --project tools/Reception.Tools -- seed [--cases N] [--data-dir DIR] [--force]</c>: the benchmark province.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args is ["seed", .. var seedArgs]) return await SeedCommand.RunAsync(seedArgs);
        await Console.Error.WriteLineAsync("Usage: seed [--cases N] [--data-dir DIR] [--force]");
        return 2;
    }
}
