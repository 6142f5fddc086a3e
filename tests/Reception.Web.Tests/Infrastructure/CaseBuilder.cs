using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Web.Data;
using Reception.Web.Features.Cases;

namespace Reception.Web.Tests.Infrastructure;

/// <summary>
/// Registers a case in an app's database the way the app does: a number from <see cref="CaseService"/>, a
/// <see cref="CaseIntake"/> through <see cref="PetitionCase.Register"/> (which must succeed), then the test's own steps
/// on the entity, the deadline clock and colour stored, saved. Start with <c>app.NewCase()</c>; the defaults are a visit
/// to the demo city received today (the app's clock), category land, "征地补偿款未到位", one person, registered by "clerk" now.
/// </summary>
public sealed class CaseBuilder(ReceptionFactory app)
{
    private string? _unitCode = "demo";
    private int? _unitId;
    private Channel _channel = Channel.Visit;
    private DateOnly? _received;
    private string _category = "land";
    private string _summary = "征地补偿款未到位";
    private string? _details;
    private int _people = 1;
    private readonly List<CasePetitioner> _petitioners = [];
    private string _actor = "clerk";
    private DateTime? _registeredAt;
    private readonly List<Action<PetitionCase, CaseService>> _steps = [];

    /// <summary>The registering unit, by code.</summary>
    public CaseBuilder At(string orgCode)
    {
        (_unitCode, _unitId) = (orgCode, null);
        return this;
    }

    /// <summary>The registering unit, by id.</summary>
    public CaseBuilder At(int orgUnitId)
    {
        (_unitCode, _unitId) = (null, orgUnitId);
        return this;
    }

    public CaseBuilder Received(DateOnly day)
    {
        _received = day;
        return this;
    }

    public CaseBuilder Via(Channel channel)
    {
        _channel = channel;
        return this;
    }

    public CaseBuilder Category(string category)
    {
        _category = category;
        return this;
    }

    public CaseBuilder Summary(string summary, string? details = null)
    {
        (_summary, _details) = (summary, details);
        return this;
    }

    public CaseBuilder People(int people)
    {
        _people = people;
        return this;
    }

    /// <summary>A petitioner (several calls add several; none: 张三 with no personal data).</summary>
    public CaseBuilder Petitioner(CasePetitioner petitioner)
    {
        _petitioners.Add(petitioner);
        return this;
    }

    /// <summary>Who registers the case and when (default: "clerk", the app's now).</summary>
    public CaseBuilder RegisteredBy(string actor, DateTime? at = null)
    {
        (_actor, _registeredAt) = (actor, at);
        return this;
    }

    /// <summary>A step on the registered case before it is saved (the case service tells the app's now and today).</summary>
    public CaseBuilder Then(Action<PetitionCase, CaseService> step)
    {
        _steps.Add(step);
        return this;
    }

    public CaseBuilder Then(Action<PetitionCase> step) => Then((c, _) => step(c));

    /// <summary>Registers, runs the steps, stores the clock and saves; returns the saved case.</summary>
    public async Task<PetitionCase> SaveAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var cases = scope.ServiceProvider.GetRequiredService<CaseService>();
        var unit = _unitId is { } id ? await db.OrgUnits.SingleAsync(o => o.Id == id) : await db.OrgUnits.SingleAsync(o => o.Code == _unitCode);
        var received = _received ?? cases.Today;
        var petitioners = _petitioners.Count > 0 ? _petitioners : [new CasePetitioner("张三", null, null, null, null)];
        var registered = PetitionCase.Register(new CaseIntake(await cases.AllocateNumberAsync(unit, received.Year), unit.Id, _channel, received, _category,
            _summary, _details, _people, petitioners), _actor, _registeredAt ?? cases.UtcNow);
        Assert.True(registered.Succeeded, registered.Error?.ToString());
        var c = registered.Value!;
        foreach (var step in _steps) step(c, cases);
        await cases.RefreshClockAsync(c);
        db.Cases.Add(c);
        await db.SaveChangesAsync();
        return c;
    }

    /// <summary>Registers and saves; returns the case's id.</summary>
    public async Task<int> SaveIdAsync() => (await SaveAsync()).Id;
}

public static class CaseBuilding
{
    /// <summary>A case to register in this app (see <see cref="CaseBuilder"/>).</summary>
    public static CaseBuilder NewCase(this ReceptionFactory app) => new(app);

    /// <summary>Fails the test when a domain operation on a case is refused.</summary>
    public static void Ok(CaseResult result) => Assert.True(result.Succeeded, result.Error?.ToString());
}
