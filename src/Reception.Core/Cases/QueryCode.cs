using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reception.Core.Cases;

/// <summary>
/// The query code printed on a petitioner's receipt (信访工作条例 Art. 21: the petitioner may query the matter's progress).
/// Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as <c>ABCD-EFGH</c> (about 39 bits).
/// Only a salted PBKDF2-SHA256 hash is stored; <see cref="Verify"/> compares in constant time, and <see cref="VerifyNothing"/>
/// costs the same when there is no stored hash, so a wrong case number and a wrong code take as long.
/// </summary>
public static class QueryCode
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 8;
    public const int Iterations = 60_000;
    public const int StoredMaxLength = 120;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Scheme = "pbkdf2-sha256";

    /// <summary>A dummy hash verified when the case does not exist, so the answer takes as long as a real check.</summary>
    private static readonly string Dummy = Hash("AAAAAAAA");

    /// <summary>A new random code, <see cref="Length"/> characters of <see cref="Alphabet"/> (no separator).</summary>
    public static string Generate()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }

    /// <summary>The code as printed: two groups of four (<c>ABCD-EFGH</c>).</summary>
    public static string Display(string code) => code.Length == Length ? code[..4] + "-" + code[4..] : code;

    /// <summary>What was typed, upper-cased, without spaces and dashes; null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40) return null;
        var sb = new StringBuilder(Length);
        foreach (var ch in typed)
        {
            if (ch is ' ' or '-' or '\u3000' or '－') continue;
            sb.Append(char.ToUpperInvariant(ch));
        }
        var s = sb.ToString();
        return s.Length == Length && s.All(Alphabet.Contains) ? s : null;
    }

    /// <summary>The stored form: scheme, iterations, salt and hash (never the code).</summary>
    public static string Hash(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(code, salt, Iterations);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Whether <paramref name="typed"/> is the code whose hash is <paramref name="stored"/>; constant time in the comparison.</summary>
    public static bool Verify(string? typed, string? stored)
    {
        if (stored is null) return VerifyNothing(typed);
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
            return VerifyNothing(typed);
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Derive(Normalize(typed) ?? "", salt, iterations);
        return CryptographicOperations.FixedTimeEquals(actual, expected) && Normalize(typed) is not null;
    }

    /// <summary>The same work as <see cref="Verify"/>, always false: for a case number that does not exist.</summary>
    public static bool VerifyNothing(string? typed)
    {
        _ = Verify(typed, Dummy);
        return false;
    }

    private static byte[] Derive(string code, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
