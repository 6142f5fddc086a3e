using System.Diagnostics;

namespace Reception.Web.Tests.Mail;

/// <summary>
/// A self-signed server certificate made the way an administrator makes one (<c>openssl req -x509</c>, EC P-256, for
/// mail.reception.test), and its fingerprint exactly as <c>openssl x509 -noout -fingerprint -sha256</c> prints it —
/// the text an administrator would copy into Reception__Mail__TrustedCertificateSha256. Trusted by no one.
/// </summary>
public sealed record TestCertificate(string CertificatePath, string KeyPath, string OpensslFingerprint)
{
    public const string HostName = "mail.reception.test";

    /// <summary>The fingerprint as 64 hex digits without colons.</summary>
    public string Fingerprint => OpensslFingerprint.Replace(":", "", StringComparison.Ordinal);

    public static async Task<TestCertificate> CreateAsync(string directory, string name)
    {
        var certificate = Path.Combine(directory, name + ".crt");
        var key = Path.Combine(directory, name + ".key");
        await OpensslAsync("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", certificate, "-days", "30", "-subj", $"/CN={HostName}", "-addext", $"subjectAltName=DNS:{HostName}");
        // "sha256 Fingerprint=C6:A2:…" (OpenSSL 3; older versions say "SHA256").
        var printed = await OpensslAsync("x509", "-in", certificate, "-noout", "-fingerprint", "-sha256");
        return new TestCertificate(certificate, key, printed.Trim().Split('=', 2)[1]);
    }

    private static async Task<string> OpensslAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} failed: {await error}");
        return await output;
    }
}
