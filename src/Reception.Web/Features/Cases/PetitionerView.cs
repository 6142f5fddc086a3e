using Reception.Core.Cases;

namespace Reception.Web.Features.Cases;

/// <summary>
/// A petitioner as a page may show them: ID number, phone and address masked unless the user may see them (the owning
/// scope's clerks and supervisors, <see cref="CaseOperations.SeesPersonalData"/>); after an audited reveal, the phone and
/// address of that one petitioner (<paramref name="ContactsRevealed"/>). Pages render this, never <see cref="CasePetitioner"/> itself.
/// </summary>
public sealed record PetitionerView(int Id, string Name, string? IdentityNumber, string? Phone, string? HouseholdLocality, string? Address, bool Masked,
    bool ContactsRevealed = false)
{
    public static PetitionerView Of(CasePetitioner p, bool unmasked, bool revealContacts = false) => unmasked
        ? new(p.Id, p.Name, p.IdentityNumber, p.Phone, p.HouseholdLocality, p.Address, false)
        : new(p.Id, p.Name,
            p.IdentityNumber is null ? null : PrivacyMask.IdentityNumber(p.IdentityNumber),
            revealContacts || p.Phone is null ? p.Phone : PrivacyMask.Phone(p.Phone),
            p.HouseholdLocality,
            revealContacts || p.Address is null ? p.Address : PrivacyMask.Address(p.Address),
            true,
            revealContacts);

    /// <summary>Whether there is anything to reveal: a phone or an address.</summary>
    public bool HasContacts => Phone is not null || Address is not null;
}

/// <summary>A petitioner's name linked to their petitioner page (search results).</summary>
public sealed record PetitionerLink(int Id, string Name)
{
    /// <summary>The petitioners of these cases (already known to be visible to the user), by case, in the order they were recorded.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<PetitionerLink>>> OfAsync(AppDbContext db, List<int> caseIds, CancellationToken ct)
    {
        var rows = await db.CasePetitioners.AsNoTracking().Where(p => caseIds.Contains(EF.Property<int>(p, "PetitionCaseId")))
            .OrderBy(p => p.Id).Select(p => new { CaseId = EF.Property<int>(p, "PetitionCaseId"), p.Id, p.Name }).ToListAsync(ct);
        return rows.GroupBy(r => r.CaseId).ToDictionary(g => g.Key, g => (IReadOnlyList<PetitionerLink>)g.Select(r => new PetitionerLink(r.Id, r.Name)).ToList());
    }
}
