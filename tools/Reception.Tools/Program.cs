namespace Reception.Tools;

/// <summary>The tools' entry point (a named class, so that the app's <c>Program</c> stays the only one the tests see).</summary>
public static class ToolsProgram
{
    /// <summary><c>dotnet run --project tools/Reception.Tools -- seed [--cases N] [--data-dir DIR] [--force]</c>: the benchmark province;
    /// <c>demo [--data-dir DIR]</c>: the demo city added to it.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args is ["seed", .. var seedArgs]) return await SeedCommand.RunAsync(seedArgs);
        if (args is ["demo", .. var demoArgs]) return await DemoCommand.RunAsync(demoArgs);
        await Console.Error.WriteLineAsync("Usage: seed [--cases N] [--data-dir DIR] [--force] | demo [--data-dir DIR]");
        return 2;
    }
}
