using Microsoft.EntityFrameworkCore;
using Reception.Core.Organisation;
using Reception.Web.Features.Demo;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Features.Demo;

[Collection(DemoAppsCollection.Name)]
public sealed class DemoDataTests(DemoApps apps)
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Startup_InDevelopment_SeedsTheDemoCity(DatabaseProvider provider)
    {
        var counts = await apps.For(provider).WithDbAsync(async db =>
        {
            var city = await db.OrgUnits.AsNoTracking().SingleAsync(o => o.Code == DemoData.CityCode);
            var below = db.OrgUnits.AsNoTracking().Where(o => o.Path.StartsWith(city.Path) && o.Id != city.Id);
            return new
            {
                City = city.Kind,
                Townships = await below.CountAsync(o => o.ParentId == city.Id && (o.Kind == OrgUnitKind.Township || o.Kind == OrgUnitKind.Street)),
                Villages = await below.CountAsync(o => o.Kind == OrgUnitKind.Village || o.Kind == OrgUnitKind.Community),
                Departments = await below.CountAsync(o => o.Kind == OrgUnitKind.Department),
                Leaders = await db.Leaders.CountAsync(l => l.OrgUnitId == city.Id),
                LeaderAccounts = await db.Users.CountAsync(u => u.LeaderId != null),
            };
        });

        Assert.Equal(OrgUnitKind.City, counts.City);
        Assert.Equal(8, counts.Townships);
        Assert.Equal(40, counts.Villages);
        Assert.Equal(10, counts.Departments);
        Assert.Equal(12, counts.Leaders);
        Assert.Equal(12, counts.LeaderAccounts);
    }

    [Fact]
    public async Task DemoAccounts_HavePlaceholderContacts_ValidInFormButPlainlyFictional()
    {
        string[] names = ["admin", "security", "auditor", "clerk", "supervisor", "unit", .. Enumerable.Range(1, 12).Select(i => $"leader{i:00}")];
        var users = await apps.For(DatabaseProvider.Sqlite).WithDbAsync(db => db.Users.AsNoTracking().Where(u => names.Contains(u.UserName))
            .Select(u => new { u.UserName, u.Email, u.PhoneNumber, u.LeaderId }).ToListAsync());
        var leaders = await apps.For(DatabaseProvider.Sqlite).WithDbAsync(db => db.Leaders.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Phone));

        Assert.Equal(18, users.Count);
        foreach (var u in users)
        {
            Assert.Equal($"{u.UserName}@demo.reception.invalid", u.Email);
            Assert.True(Reception.Core.Common.PhoneNumbers.IsValid(u.PhoneNumber), $"{u.UserName}: {u.PhoneNumber}");
            Assert.Matches("^13[89]0000[0-9]{4}$", u.PhoneNumber);
            if (u.LeaderId is { } leader) Assert.Equal(leaders[leader], u.PhoneNumber);
        }
        Assert.Equal(users.Count, users.Select(u => u.PhoneNumber).Distinct().Count());
        Assert.Equal("13900000004", users.Single(u => u.UserName == "clerk").PhoneNumber);
    }
}
