using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Reception.Core.Cases;

namespace Reception.Web.Data.PersonalData;

/// <summary>
/// How a petitioner's personal data is stored: <see cref="CasePetitioner.IdentityNumber"/>, <see cref="CasePetitioner.Phone"/>
/// and <see cref="CasePetitioner.Address"/> encrypted by value converters (the entity keeps clear values), and two blind-index
/// columns, <see cref="IdentityNumberIndex"/> and <see cref="PhoneIndex"/>, set on every save, that intake's repeat check and
/// search compare instead of the clear value (<see cref="WithIdentityNumber"/>, <see cref="WithPhone"/>).
/// The name stays clear (searched in part, shown to every role); the 户籍地 (locality) is a county or township, also clear.
/// </summary>
public static class CasePetitionerProtection
{
    public const string IdentityNumberIndex = "IdentityNumberIndex";
    public const string PhoneIndex = "PhoneIndex";

    /// <summary>Base64 of 32 bytes.</summary>
    public const int IndexLength = 44;

    /// <summary>The encrypted columns (clear names as in the entity).</summary>
    public static readonly string[] ProtectedColumns = [nameof(CasePetitioner.IdentityNumber), nameof(CasePetitioner.Phone), nameof(CasePetitioner.Address)];

    internal static void Configure(ModelBuilder builder, IPersonalDataProtector protector)
    {
        var converter = new ValueConverter<string?, string>(v => protector.Protect(v!), v => protector.Unprotect(v));
        var b = builder.Entity<CasePetitioner>();
        // Stored as text: the ciphertext is longer than the clear value's limit, which the forms enforce.
        b.Property(p => p.IdentityNumber).HasConversion(converter);
        b.Property(p => p.Phone).HasConversion(converter);
        b.Property(p => p.Address).HasConversion(converter);
        b.Property<string?>(IdentityNumberIndex).HasMaxLength(IndexLength);
        b.Property<string?>(PhoneIndex).HasMaxLength(IndexLength);
        b.HasIndex(IdentityNumberIndex);
        b.HasIndex(PhoneIndex);
    }

    /// <summary>Sets the blind indexes of the petitioners being added or changed (called before every save).</summary>
    internal static void SetIndexes(ChangeTracker tracker, IPersonalDataProtector protector)
    {
        foreach (var entry in tracker.Entries<CasePetitioner>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            Set(entry.Property<string?>(IdentityNumberIndex), protector.IdentityNumber(entry.Entity.IdentityNumber));
            Set(entry.Property<string?>(PhoneIndex), protector.Phone(entry.Entity.Phone));
        }

        static void Set(PropertyEntry<CasePetitioner, string?> property, string? value)
        {
            if (!string.Equals(property.CurrentValue, value, StringComparison.Ordinal)) property.CurrentValue = value;
        }
    }

    /// <summary>The petitioners with one of these ID numbers (compared by blind index; typed in any form <see cref="IdentityNumber.Normalize"/> accepts).</summary>
    public static IQueryable<CasePetitioner> WithIdentityNumber(this IQueryable<CasePetitioner> petitioners, IPersonalDataProtector protector, IEnumerable<string> identityNumbers)
    {
        var indexes = identityNumbers.Select(protector.IdentityNumber).OfType<string>().Distinct().ToList();
        return petitioners.Where(p => indexes.Contains(EF.Property<string>(p, IdentityNumberIndex)));
    }

    /// <summary>The petitioners with this phone number (compared by blind index of the normalised number).</summary>
    public static IQueryable<CasePetitioner> WithPhone(this IQueryable<CasePetitioner> petitioners, IPersonalDataProtector protector, string phone)
    {
        var index = protector.Phone(phone);
        return petitioners.Where(p => index != null && EF.Property<string>(p, PhoneIndex) == index);
    }
}

/// <summary>One EF model per key set: the converters hold the protector, so contexts with other keys need a model of their own.</summary>
internal sealed class PersonalDataModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is AppDbContext app ? (context.GetType(), app.PersonalData.ModelKey, designTime) : (context.GetType(), designTime);
}
