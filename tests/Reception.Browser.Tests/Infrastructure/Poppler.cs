using System.Diagnostics;

namespace Reception.Browser.Tests.Infrastructure;

/// <summary>Reads a printed PDF back with poppler's pdfinfo and pdftotext (poppler-utils, installed by tests/run.sh).</summary>
public static class Poppler
{
    public static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (poppler-utils is installed by tests/run.sh).");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }

    /// <summary>pdfinfo's and pdftotext -layout's output for a PDF's bytes (written to a temporary file, then deleted).</summary>
    public static async Task<(string Info, string Text)> ReadAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"printed-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            return (await RunAsync("pdfinfo", file), await RunAsync("pdftotext", "-layout", file, "-"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
