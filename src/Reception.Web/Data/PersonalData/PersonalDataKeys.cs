namespace Reception.Web.Data.PersonalData;

/// <summary>
/// Where the personal data key comes from (README, Security): <c>Reception:Security:PersonalDataKey</c> (base64 of 32
/// bytes; env <c>Reception__Security__PersonalDataKey</c>) or a key file named by <c>Reception:Security:PersonalDataKeyFile</c>
/// (first key line = current key, further lines = previous keys; lines starting with # are comments), plus
/// <c>Reception:Security:PersonalDataPreviousKeys</c> (comma-separated base64) for reading rows written before a rotation.
/// Without either: in Development or a demo (SeedDemoData) a key file is generated as {data directory}/personal-data.key
/// (0600); otherwise the app refuses to start.
/// </summary>
public static class PersonalDataKeys
{
    public const string KeySetting = "Reception:Security:PersonalDataKey";
    public const string KeyFileSetting = "Reception:Security:PersonalDataKeyFile";
    public const string PreviousKeysSetting = "Reception:Security:PersonalDataPreviousKeys";
    public const string DefaultFileName = "personal-data.key";

    /// <summary>Loads (or, when allowed, generates) the keys and returns the protector.</summary>
    /// <param name="mayGenerate">Development or a demo: a missing key file is created.</param>
    public static AesGcmPersonalDataProtector Load(IConfiguration configuration, string dataDirectory, bool mayGenerate)
    {
        var previous = Split(configuration[PreviousKeysSetting]).Select(k => Decode(k, PreviousKeysSetting)).ToList();
        if (configuration[KeySetting] is { Length: > 0 } inline)
            return new AesGcmPersonalDataProtector(Decode(inline.Trim(), KeySetting), previous);

        var configuredFile = configuration[KeyFileSetting] is { Length: > 0 } f ? Path.GetFullPath(f, dataDirectory) : null;
        var file = configuredFile ?? Path.Combine(dataDirectory, DefaultFileName);
        if (!File.Exists(file))
        {
            if (!mayGenerate)
                throw new PersonalDataKeyException(configuredFile is null
                    ? $"No personal data key: set {KeySetting} (env Reception__Security__PersonalDataKey, base64 of 32 random bytes: `openssl rand -base64 32`) " +
                      $"or {KeyFileSetting} (a file holding that line, readable by the service account only). Every instance needs the same key, " +
                      "and it must be backed up apart from the database (README, Security)."
                    : $"The personal data key file {file} ({KeyFileSetting}) does not exist. Restore it from the key backup, or for a new installation create it " +
                      "with `openssl rand -base64 32 > FILE && chmod 600 FILE` (README, Security).");
            Generate(file);
        }
        var lines = Split(File.ReadAllLines(file)).ToList();
        if (lines.Count == 0) throw new PersonalDataKeyException($"The personal data key file {file} holds no key.");
        return new AesGcmPersonalDataProtector(Decode(lines[0], file), lines.Skip(1).Select(l => Decode(l, file)).Concat(previous));
    }

    /// <summary>
    /// For tools over fictional data (the benchmark province): unless a key is configured, uses {data directory}/personal-data.key,
    /// generating it when missing, and says so in the configuration the app then reads.
    /// </summary>
    public static void UseGeneratedKeyUnlessConfigured(IConfiguration configuration, string dataDirectory)
    {
        if (configuration[KeySetting] is { Length: > 0 } || configuration[KeyFileSetting] is { Length: > 0 }) return;
        var file = Path.Combine(dataDirectory, DefaultFileName);
        if (!File.Exists(file)) Generate(file);
        configuration[KeyFileSetting] = file;
    }

    /// <summary>Writes a new random key to <paramref name="file"/>, readable by the service account only (0600, its folder 0700).</summary>
    public static void Generate(string file)
    {
        PrivateFiles.Directory(Path.GetDirectoryName(file)!);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var text = "# Reception personal data key (AES-256). Back it up apart from the database; without it the petitioners' ID numbers,\n" +
                   "# phones and addresses cannot be read. Every instance on this database needs the same file.\n" + key + "\n";
        using var stream = PrivateFiles.CreateNew(file);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    private static string[] Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IEnumerable<string> Split(IEnumerable<string> lines) =>
        lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new PersonalDataKeyException($"The personal data key in {source} is not base64 (expected 32 random bytes: `openssl rand -base64 32`).", e);
        }
    }
}
