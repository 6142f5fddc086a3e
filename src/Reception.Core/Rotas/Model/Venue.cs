using Reception.Core.Common;

namespace Reception.Core.Rotas.Model;

/// <summary>A reception place (接待场所): the reception hall or a leader reception room, with its address.</summary>
public sealed class Venue : IVersioned
{
    public const int NameMaxLength = 100;
    public const int AddressMaxLength = 200;

    private Venue() { Name = Address = ""; }

    public Venue(int orgUnitId, string name, string address)
    {
        OrgUnitId = orgUnitId;
        Name = name.Trim();
        Address = address.Trim();
        IsActive = true;
    }

    public int Id { get; private set; }
    public int OrgUnitId { get; private set; }
    public string Name { get; private set; }
    public string Address { get; private set; }
    public bool IsActive { get; private set; }
    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public void Update(string name, string address, bool isActive)
    {
        Name = name.Trim();
        Address = address.Trim();
        IsActive = isActive;
    }
}
