namespace Reception.Core.Cases;

/// <summary>
/// A petitioner on a case, as recorded at intake. <see cref="IdentityNumber"/> is the normalised
/// number (validate with <see cref="Cases.IdentityNumber.TryParse"/> before); a letter or phone call may not
/// give one, so it is optional.
/// </summary>
public sealed class CasePetitioner
{
    public const int NameMaxLength = 50;
    public const int LocalityMaxLength = 100;
    public const int AddressMaxLength = 200;
    public const int PhoneMaxLength = 30;

    private CasePetitioner() { Name = ""; }

    public CasePetitioner(string name, string? identityNumber, string? phone, string? householdLocality, string? address)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A petitioner needs a name.", nameof(name));
        Name = name.Trim();
        IdentityNumber = string.IsNullOrWhiteSpace(identityNumber) ? null : Cases.IdentityNumber.Normalize(identityNumber);
        Phone = Blank(phone);
        HouseholdLocality = Blank(householdLocality);
        Address = Blank(address);
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public string? IdentityNumber { get; private set; }
    public string? Phone { get; private set; }

    /// <summary>户籍地: the default stability-control (稳控) locality.</summary>
    public string? HouseholdLocality { get; private set; }

    public string? Address { get; private set; }

    internal CasePetitioner Copy() => new(Name, IdentityNumber, Phone, HouseholdLocality, Address);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
