using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Web.Tests.Features.Visits;

namespace Reception.Web.Tests.Features.Rotas.Unavailability;

public sealed class DeleteTests(VisitsDemoApp demo) : IClassFixture<VisitsDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Delete_AsksFirstThenDeletesAndSaysSo()
    {
        var leader = await App.AddLeaderAsync("删除");
        var name = await App.WithDbAsync(db => db.Leaders.Where(l => l.Id == leader).Select(l => l.Name).SingleAsync());
        var id = await App.AddUnavailabilityAsync(leader, new DateOnly(2027, 6, 1), new DateOnly(2027, 6, 2), note: "家中有事");
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync($"/Unavailability/Delete/{id}");
        Assert.Contains($"确定删除{name}的请假（2027-06-01 至 2027-06-02）吗？", page.MainText());
        Assert.Contains("备注：家中有事", page.MainText());
        Assert.True(await ExistsAsync(id)); // asking deletes nothing

        using var response = await client.SubmitAsync(page);

        await response.AssertRedirectToAsync("/Unavailability");
        Assert.False(await ExistsAsync(id));
        Assert.Equal($"已删除{name}的请假（2027-06-01 至 2027-06-02）。", (await client.GetPageAsync("/Unavailability")).StatusMessage());
    }

    [Fact]
    public async Task Delete_LeaderOwnEntry_WorksAndAnothersIsNotFound()
    {
        var own = await App.AddUnavailabilityAsync(await App.LeaderIdAsync("徐志明"), new DateOnly(2027, 6, 3), new DateOnly(2027, 6, 3));
        var others = await App.AddUnavailabilityAsync(await App.LeaderIdAsync("孙秀英"), new DateOnly(2027, 6, 3), new DateOnly(2027, 6, 3));
        using var client = await App.LoginAsync("leader11");

        using (var response = await client.OpenAndSubmitAsync($"/Unavailability/Delete/{own}"))
            await response.AssertRedirectToAsync("/Unavailability");
        using var get = await client.GetAsync($"/Unavailability/Delete/{others}");
        using var posted = await client.PostFormAsync("/Unavailability/Create", [], action: $"/Unavailability/Delete/{others}"); // a token from the leader's own form

        Assert.False(await ExistsAsync(own));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.True(await ExistsAsync(others));
    }

    [Fact]
    public async Task Delete_UnknownEntry_NotFound()
    {
        using var client = await App.LoginAsync("clerk");

        using var response = await client.GetAsync("/Unavailability/Delete/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<bool> ExistsAsync(int id) => App.WithDbAsync(db => db.Unavailabilities.AnyAsync(u => u.Id == id));
}
