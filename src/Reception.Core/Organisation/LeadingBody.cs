namespace Reception.Core.Organisation;

/// <summary>四大家: the four leading bodies a leader belongs to.</summary>
public enum LeadingBody
{
    PartyCommittee = 1,      // 党委
    PeoplesCongress = 2,     // 人大
    Government = 3,          // 政府
    PoliticalConsultative = 4, // 政协
}
