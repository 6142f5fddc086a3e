using Reception.Core.Common;

namespace Reception.Core.Organisation;

/// <summary>A leader (领导) who receives petitioners on duty days, visits villages and owns cases.</summary>
public sealed class Leader : IVersioned
{
    public const int NameMaxLength = 50;
    public const int TitleMaxLength = 50;
    public const int EmailMaxLength = 256;
    public const int PhoneMaxLength = 30;

    private Leader() { Name = Title = ""; }

    public Leader(string name, string title, LeadingBody body, int orgUnitId, int rotationOrder, string? email, string? phone)
    {
        Name = name.Trim();
        Title = title.Trim();
        LeadingBody = body;
        OrgUnitId = orgUnitId;
        RotationOrder = rotationOrder;
        Email = Blank(email);
        Phone = Blank(phone);
        IsActive = true;
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public string Title { get; private set; }
    public LeadingBody LeadingBody { get; private set; }
    public int OrgUnitId { get; private set; }
    public OrgUnit? OrgUnit { get; private set; }
    public int RotationOrder { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public bool IsActive { get; private set; }
    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public void Update(string name, string title, LeadingBody body, int orgUnitId, int rotationOrder, string? email, string? phone)
    {
        Name = name.Trim();
        Title = title.Trim();
        LeadingBody = body;
        OrgUnitId = orgUnitId;
        RotationOrder = rotationOrder;
        Email = Blank(email);
        Phone = Blank(phone);
    }

    /// <summary>Leaders are never deleted: duties, visits and cases keep pointing at them.</summary>
    public void Deactivate() => IsActive = false;
    public void Activate() => IsActive = true;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
