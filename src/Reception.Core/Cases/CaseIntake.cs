namespace Reception.Core.Cases;

/// <summary>
/// What is known of a petition when it is registered (登记): its number, the registering unit, channel, date of receipt,
/// category, summary and content, how many people came and who the petitioners are. <see cref="PetitionCase.Register"/>
/// checks it; the intake page, the demo and the seeders fill it in by name.
/// </summary>
public sealed record CaseIntake(
    CaseNumber Number,
    int OrgUnitId,
    Channel Channel,
    DateOnly ReceivedOn,
    string? CategoryCode,
    string? Summary,
    string? Content,
    int NumberOfPeople,
    IReadOnlyCollection<CasePetitioner> Petitioners);
