using System.Reflection;

namespace Reception.Core.Security;

/// <summary>
/// What a password must be (ASVS V2.1, 等保 身份鉴别): long enough, not the user name, not a common password. No rules
/// about character classes (ASVS V2.1.9): length and the blocklist are what make a password hard to guess. The history
/// (not one of the last five) needs the stored hashes and is checked by the web layer.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int HistoryDepth = 5;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    /// <summary>Whether the password is one of the bundled common passwords, also with digits and symbols added before or after it ("Password2026!").</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (Common.Value.Contains(lower)) return true;
        var core = lower.Trim("0123456789!@#$%^&*()_+-=.,?~`'\" ".ToCharArray());
        return core.Length > 0 && Common.Value.Contains(core) || IsRepetition(lower);
    }

    /// <summary>Whether the password contains the user name (case-insensitive; names shorter than 3 characters are ignored).</summary>
    public static bool ContainsUserName(string password, string? userName) =>
        userName is { Length: >= 3 } && password.Contains(userName.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>"aaaaaaaaaaaa", "abcabcabcabc", "121212121212": one short unit repeated.</summary>
    private static bool IsRepetition(string s)
    {
        for (var unit = 1; unit <= 4 && unit < s.Length; unit++)
        {
            if (s.Length % unit != 0) continue;
            var repeated = true;
            for (var i = unit; i < s.Length && repeated; i++) repeated = s[i] == s[i % unit];
            if (repeated) return true;
        }
        return false;
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Reception.Core.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0 && !entry.StartsWith('#')) set.Add(entry.ToLowerInvariant());
        }
        return set;
    }
}
