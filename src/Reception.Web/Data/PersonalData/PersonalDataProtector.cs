using System.Security.Cryptography;
using System.Text;

namespace Reception.Web.Data.PersonalData;

/// <summary>
/// Encrypts petitioners' personal data (ID numbers, phones, addresses) for the database and computes the blind indexes
/// (keyed hashes) that find them again, with keys kept outside the database (<see cref="PersonalDataKeys"/>).
/// The EF value converters of <see cref="CasePetitionerProtection"/> call it, so domain code sees clear values only.
/// </summary>
public interface IPersonalDataProtector
{
    /// <summary>The id of the key new values are encrypted with (the prefix of every value it writes: <c>pd1:{id}:</c>).</summary>
    string KeyId { get; }

    /// <summary>The stored form of a clear value: <c>pd1:{key id}:{base64(nonce | tag | ciphertext)}</c>, AES-256-GCM, a fresh nonce each time.</summary>
    string Protect(string clear);

    /// <summary>The clear value of a stored one; a value that is not protected (an old clear row) comes back as it is.</summary>
    /// <exception cref="PersonalDataKeyException">The value was encrypted with a key this instance does not have, or does not decrypt.</exception>
    string Unprotect(string stored);

    /// <summary>The blind index of an already normalised value of one kind ("id", "phone"): HMAC-SHA256 under a key derived from the current key, base64.</summary>
    string BlindIndex(string kind, string normalised);

    /// <summary>A string that differs between protectors that behave differently (EF builds one model per key set).</summary>
    string ModelKey { get; }
}

/// <summary>A stored value that cannot be decrypted with the configured keys (a wrong or missing key), or a missing key at start-up.</summary>
public sealed class PersonalDataKeyException(string message, Exception? inner = null) : InvalidOperationException(message, inner);

/// <summary>What the blind indexes are computed from: the normalised value, so that equal people match whatever was typed.</summary>
public static class BlindIndexes
{
    public const string IdentityNumberKind = "id";
    public const string PhoneKind = "phone";

    /// <summary>The blind index of an ID number (<see cref="Reception.Core.Cases.IdentityNumber.Normalize"/>: white space removed, then upper-case); null for none.</summary>
    public static string? IdentityNumber(this IPersonalDataProtector protector, string? identityNumber) =>
        Reception.Core.Cases.IdentityNumber.Normalize(identityNumber) is { Length: > 0 } normalised
            ? protector.BlindIndex(IdentityNumberKind, normalised.ToUpperInvariant())
            : null;

    /// <summary>The blind index of a phone number (digits as <see cref="PhoneNumbers.Normalize"/> keeps them); null for none.</summary>
    public static string? Phone(this IPersonalDataProtector protector, string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var normalised = PhoneNumbers.Normalize(phone) ?? phone.Trim();
        return protector.BlindIndex(PhoneKind, normalised);
    }
}

/// <summary>AES-256-GCM with a current key and older keys kept for reading (rotation); see <see cref="IPersonalDataProtector"/>.</summary>
public sealed class AesGcmPersonalDataProtector : IPersonalDataProtector, IDisposable
{
    public const string Prefix = "pd1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] BlindIndexInfo = Encoding.ASCII.GetBytes("Reception personal data blind index v1");

    private readonly Dictionary<string, AesGcm> _keys = new(StringComparer.Ordinal);
    private readonly AesGcm _current;
    private readonly byte[] _indexKey;
    private readonly Lock _lock = new();

    /// <param name="current">The 32-byte key new values are encrypted with.</param>
    /// <param name="previous">Older keys, for reading values written before a rotation (the start-up step re-encrypts them).</param>
    public AesGcmPersonalDataProtector(byte[] current, IEnumerable<byte[]>? previous = null)
    {
        var all = new List<byte[]> { current };
        all.AddRange(previous ?? []);
        foreach (var key in all)
        {
            if (key.Length != 32)
                throw new PersonalDataKeyException($"A personal data key must be 32 bytes (base64 of 32 random bytes, e.g. `openssl rand -base64 32`), not {key.Length}.");
            _keys.TryAdd(IdOf(key), new AesGcm(key, TagSize));
        }
        KeyId = IdOf(current);
        _current = _keys[KeyId];
        _indexKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, current, 32, info: BlindIndexInfo);
        ModelKey = "aesgcm:" + Convert.ToHexString(SHA256.HashData(all.SelectMany(k => k).ToArray()));
    }

    public string KeyId { get; }

    public string ModelKey { get; }

    /// <summary>The id a key is known by in stored values: 8 hex digits of a hash of it (not enough to guess the key).</summary>
    public static string IdOf(byte[] key)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, "Reception personal data key id"u8, hash);
        return Convert.ToHexStringLower(hash[..4]);
    }

    /// <summary>The key id of a stored value, or null when it is not protected (a clear value).</summary>
    public static string? KeyIdOf(string stored) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal) && stored.Length > Prefix.Length + 9 && stored[Prefix.Length + 8] == ':'
            ? stored.Substring(Prefix.Length, 8)
            : null;

    public string Protect(string clear)
    {
        var plain = Encoding.UTF8.GetBytes(clear);
        var blob = new byte[NonceSize + TagSize + plain.Length];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        lock (_lock) _current.Encrypt(nonce, plain, blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), AssociatedData(KeyId));
        return Prefix + KeyId + ":" + Convert.ToBase64String(blob);
    }

    public string Unprotect(string stored)
    {
        if (KeyIdOf(stored) is not { } keyId) return stored;
        if (!_keys.TryGetValue(keyId, out var aes))
            throw new PersonalDataKeyException(
                $"Petitioners' personal data in the database was encrypted with key {keyId}, which this instance does not have (its key is {KeyId}). " +
                "Give every instance the same key: Reception:Security:PersonalDataKey (env Reception__Security__PersonalDataKey) or " +
                "Reception:Security:PersonalDataKeyFile; after a rotation keep the old key in Reception:Security:PersonalDataPreviousKeys (README, Security).");
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(stored[(Prefix.Length + 9)..]);
        }
        catch (FormatException e)
        {
            throw new PersonalDataKeyException($"A stored personal data value under key {keyId} is damaged (not base64).", e);
        }
        if (blob.Length < NonceSize + TagSize) throw new PersonalDataKeyException($"A stored personal data value under key {keyId} is damaged (too short).");
        var plain = new byte[blob.Length - NonceSize - TagSize];
        try
        {
            lock (_lock) aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), plain, AssociatedData(keyId));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new PersonalDataKeyException($"A stored personal data value under key {keyId} does not decrypt with that key: the value was changed or the key is not the one it was written with.", e);
        }
        return Encoding.UTF8.GetString(plain);
    }

    public string BlindIndex(string kind, string normalised)
    {
        var data = Encoding.UTF8.GetBytes(kind + "\n" + normalised);
        return Convert.ToBase64String(HMACSHA256.HashData(_indexKey, data));
    }

    public void Dispose()
    {
        foreach (var aes in _keys.Values) aes.Dispose();
    }

    private static byte[] AssociatedData(string keyId) => Encoding.ASCII.GetBytes(Prefix + keyId);
}

/// <summary>
/// The protector of a context made without the app's services (schema tests, benchmarks building the model): the model
/// builds, but reading or writing personal data says that no key is configured.
/// </summary>
public sealed class UnconfiguredPersonalDataProtector : IPersonalDataProtector
{
    public static readonly UnconfiguredPersonalDataProtector Instance = new();

    public string KeyId => throw NotConfigured();
    public string ModelKey => "unconfigured";
    public string Protect(string clear) => throw NotConfigured();
    public string Unprotect(string stored) => AesGcmPersonalDataProtector.KeyIdOf(stored) is null ? stored : throw NotConfigured();
    public string BlindIndex(string kind, string normalised) => throw NotConfigured();

    private static PersonalDataKeyException NotConfigured() =>
        new("This database context has no personal data key: create it through the app's services (AddReception), which load Reception:Security:PersonalDataKey.");
}
