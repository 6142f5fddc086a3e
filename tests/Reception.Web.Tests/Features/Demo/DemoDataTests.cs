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
}
