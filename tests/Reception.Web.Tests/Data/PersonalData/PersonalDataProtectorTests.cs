using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Reception.Web.Data.PersonalData;

namespace Reception.Web.Tests.Data.PersonalData;

/// <summary>The AES-GCM protector and its keys, without a database.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are checked on Unix, where the app runs
public sealed class PersonalDataProtectorTests
{
    private static readonly byte[] KeyA = Convert.FromBase64String(ReceptionFactory.TestPersonalDataKey);
    private static readonly byte[] KeyB = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void EqualValues_GetDifferentCiphertexts_ButTheSameBlindIndex_AndRoundTrip()
    {
        using var protector = new AesGcmPersonalDataProtector(KeyA);
        var one = protector.Protect("11010519491231002X");
        var two = protector.Protect("11010519491231002X");
        Assert.NotEqual(one, two); // a fresh nonce each time
        Assert.StartsWith($"pd1:{protector.KeyId}:", one, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", one, StringComparison.Ordinal);
        Assert.Equal("11010519491231002X", protector.Unprotect(one));
        Assert.Equal("演示市滨江区幸福路12号3栋", protector.Unprotect(protector.Protect("演示市滨江区幸福路12号3栋")));

        // The blind index is of the normalised number: typed with spaces, full-width or a lower-case x, it is the same.
        var index = protector.IdentityNumber("11010519491231002X");
        Assert.Equal(index, protector.IdentityNumber(" 110105 19491231002x "));
        Assert.Equal(index, protector.IdentityNumber("１１０１０５１９４９１２３１００２ｘ"));
        Assert.NotEqual(index, protector.IdentityNumber("110105194912310037"));
        Assert.Equal(protector.Phone("138 0013 8000"), protector.Phone("13800138000"));
        Assert.Null(protector.IdentityNumber(" "));
        // An ID number and a phone of the same digits do not share an index.
        Assert.NotEqual(protector.BlindIndex(BlindIndexes.IdentityNumberKind, "13800138000"), protector.Phone("13800138000"));
    }

    [Fact]
    public void AnotherKey_CannotRead_AndSaysWhichKeyIsMissing()
    {
        using var a = new AesGcmPersonalDataProtector(KeyA);
        using var b = new AesGcmPersonalDataProtector(KeyB);
        var stored = a.Protect("13800138000");
        var e = Assert.Throws<PersonalDataKeyException>(() => b.Unprotect(stored));
        Assert.Contains(a.KeyId, e.Message, StringComparison.Ordinal);
        Assert.Contains(b.KeyId, e.Message, StringComparison.Ordinal);
        Assert.Contains("Reception__Security__PersonalDataKey", e.Message, StringComparison.Ordinal);
        // Nor does another key's blind index match.
        Assert.NotEqual(a.IdentityNumber("11010519491231002X"), b.IdentityNumber("11010519491231002X"));
    }

    [Fact]
    public void AChangedCiphertext_IsRefused()
    {
        using var protector = new AesGcmPersonalDataProtector(KeyA);
        var stored = protector.Protect("13800138000");
        var bytes = Convert.FromBase64String(stored[(AesGcmPersonalDataProtector.Prefix.Length + 9)..]);
        bytes[^1] ^= 1;
        var changed = stored[..(AesGcmPersonalDataProtector.Prefix.Length + 9)] + Convert.ToBase64String(bytes);
        Assert.Throws<PersonalDataKeyException>(() => protector.Unprotect(changed));
    }

    [Fact]
    public void AfterARotation_ThePreviousKeyStillReads_AndNewValuesUseTheNewKey()
    {
        using var before = new AesGcmPersonalDataProtector(KeyA);
        using var after = new AesGcmPersonalDataProtector(KeyB, [KeyA]);
        var old = before.Protect("13800138000");
        Assert.Equal("13800138000", after.Unprotect(old));
        Assert.Equal(after.KeyId, AesGcmPersonalDataProtector.KeyIdOf(after.Protect("x")));
        Assert.NotEqual(before.KeyId, after.KeyId);
        // A clear value (a row from before the migration) is read as it is.
        Assert.Equal("13800138000", after.Unprotect("13800138000"));
        Assert.Throws<PersonalDataKeyException>(() => new AesGcmPersonalDataProtector(new byte[16]));
    }

    [Fact]
    public void WithoutAKey_ProductionRefusesToStart_DevelopmentGeneratesAPrivateKeyFile()
    {
        var dir = Directory.CreateTempSubdirectory("reception-keys-").FullName;
        try
        {
            var empty = new ConfigurationBuilder().Build();
            var e = Assert.Throws<PersonalDataKeyException>(() => PersonalDataKeys.Load(empty, dir, mayGenerate: false));
            Assert.Contains("Reception__Security__PersonalDataKey", e.Message, StringComparison.Ordinal);
            Assert.Contains("PersonalDataKeyFile", e.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(dir, PersonalDataKeys.DefaultFileName)));

            var missingFile = new ConfigurationBuilder().AddInMemoryCollection([new(PersonalDataKeys.KeyFileSetting, "keys/none.key")]).Build();
            e = Assert.Throws<PersonalDataKeyException>(() => PersonalDataKeys.Load(missingFile, dir, mayGenerate: false));
            Assert.Contains(Path.Combine(dir, "keys", "none.key"), e.Message, StringComparison.Ordinal);

            using var generated = PersonalDataKeys.Load(empty, dir, mayGenerate: true);
            var file = Path.Combine(dir, PersonalDataKeys.DefaultFileName);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            using var again = PersonalDataKeys.Load(empty, dir, mayGenerate: false);
            Assert.Equal(generated.KeyId, again.KeyId); // the file is read, not replaced
            Assert.Equal("x", again.Unprotect(generated.Protect("x")));

            // A key in a file of its own (in a folder that is made 0700), and a key given inline, are the same key.
            var keyFile = Path.Combine(dir, "secrets", "reception.key");
            Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
            File.WriteAllText(keyFile, "# comment\n" + ReceptionFactory.TestPersonalDataKey + "\n");
            using var fromFile = PersonalDataKeys.Load(new ConfigurationBuilder().AddInMemoryCollection([new(PersonalDataKeys.KeyFileSetting, keyFile)]).Build(), dir, false);
            using var inline = PersonalDataKeys.Load(new ConfigurationBuilder().AddInMemoryCollection([new(PersonalDataKeys.KeySetting, ReceptionFactory.TestPersonalDataKey)]).Build(), dir, false);
            Assert.Equal(inline.KeyId, fromFile.KeyId);
            var bad = new ConfigurationBuilder().AddInMemoryCollection([new(PersonalDataKeys.KeySetting, "not base64!")]).Build();
            Assert.Throws<PersonalDataKeyException>(() => PersonalDataKeys.Load(bad, dir, false));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
