using Reception.Core.Cases;

namespace Reception.Web.Features.Cases;

/// <summary>
/// A petitioner as a page may show them: ID number, phone and address masked unless the user may see them
/// (<see cref="UserScope.SeesPersonalData"/>). Pages render this, never <see cref="CasePetitioner"/> itself.
/// </summary>
public sealed record PetitionerView(string Name, string? IdentityNumber, string? Phone, string? HouseholdLocality, string? Address, bool Masked)
{
    /// <summary>The petitioner row's id: the petitioner page's address (<c>/Cases/Petitioner/{id}</c>; never the ID number).</summary>
    public int Id { get; init; }

    public static PetitionerView Of(CasePetitioner p, bool unmasked) => Unmasked(p, unmasked) with { Id = p.Id };

    private static PetitionerView Unmasked(CasePetitioner p, bool unmasked) => unmasked
        ? new(p.Name, p.IdentityNumber, p.Phone, p.HouseholdLocality, p.Address, false)
        : new(p.Name,
            p.IdentityNumber is null ? null : PrivacyMask.IdentityNumber(p.IdentityNumber),
            p.Phone is null ? null : PrivacyMask.Phone(p.Phone),
            p.HouseholdLocality,
            p.Address is null ? null : PrivacyMask.Address(p.Address),
            true);
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
