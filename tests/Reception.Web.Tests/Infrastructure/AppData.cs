using Microsoft.EntityFrameworkCore;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Tests.Infrastructure;

/// <summary>Looking up the demo city's records by their names, and the arrangements every feature's tests share.</summary>
public static class AppData
{
    /// <summary>The moment the shared arrangements are recorded as made (2026-11-01, UTC).</summary>
    public static readonly DateTime Arranged = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public static Task<int> OrgIdAsync(this ReceptionFactory app, string code) =>
        app.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());

    public static Task<int> LeaderIdAsync(this ReceptionFactory app, string name) =>
        app.WithDbAsync(db => db.Leaders.Where(l => l.Name == name).Select(l => l.Id).SingleAsync());

    public static Task<string> LeaderNameAsync(this ReceptionFactory app, int id) =>
        app.WithDbAsync(db => db.Leaders.Where(l => l.Id == id).Select(l => l.Name).SingleAsync());

    /// <summary>The user id of an account.</summary>
    public static Task<string> UserIdAsync(this ReceptionFactory app, string userName) =>
        app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    /// <summary>Records leave (or travel, a meeting) for a leader, as the clerk would on the unavailability page.</summary>
    public static Task<int> AddUnavailabilityAsync(this ReceptionFactory app, int leaderId, DateOnly from, DateOnly to,
        UnavailabilityReason reason = UnavailabilityReason.Leave, string? note = null) =>
        app.WithDbAsync(async db =>
        {
            var clerk = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync();
            var entry = new Unavailability(leaderId, from, to, reason, note, clerk, Arranged);
            db.Unavailabilities.Add(entry);
            await db.SaveChangesAsync();
            return entry.Id;
        });
}
