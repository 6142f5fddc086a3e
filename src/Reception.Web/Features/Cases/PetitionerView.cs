using Reception.Core.Cases;

namespace Reception.Web.Features.Cases;

/// <summary>
/// A petitioner as a page may show them: ID number, phone and address masked unless the user may see them
/// (<see cref="UserScope.SeesPersonalData"/>). Pages render this, never <see cref="CasePetitioner"/> itself.
/// </summary>
public sealed record PetitionerView(string Name, string? IdentityNumber, string? Phone, string? HouseholdLocality, string? Address, bool Masked)
{
    public static PetitionerView Of(CasePetitioner p, bool unmasked) => unmasked
        ? new(p.Name, p.IdentityNumber, p.Phone, p.HouseholdLocality, p.Address, false)
        : new(p.Name,
            p.IdentityNumber is null ? null : PrivacyMask.IdentityNumber(p.IdentityNumber),
            p.Phone is null ? null : PrivacyMask.Phone(p.Phone),
            p.HouseholdLocality,
            p.Address is null ? null : PrivacyMask.Address(p.Address),
            true);
}
