using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Web.Data;
using Reception.Web.Features.Cases.Papers;

namespace Reception.Web.Tests.Features.Query;

/// <summary>Cases for the query-code tests: a replied case of the demo city handled by 人社局 and owned by 张建国, with a code.</summary>
public static class PublicQueryTesting
{
    public const string Petitioner = "李桂芳";
    public const string IdentityNumber = "110101199003074514";
    public const string Phone = "13912345678";
    public const string Leader = "张建国";

    /// <summary>A case received <paramref name="received"/>, accepted, assigned, handled and (unless <paramref name="replied"/> is false) replied the day before today.</summary>
    public static async Task<(int Id, string Number)> RepliedCaseAsync(this ReceptionFactory app, DateOnly received, bool replied = true)
    {
        var rsj = await app.OrgIdAsync("rsj");
        var leader = await app.LeaderIdAsync(Leader);
        var c = await app.NewCase().Received(received).RegisteredBy("clerk", received.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc))
            .Petitioner(new CasePetitioner(Petitioner, IdentityNumber, Phone, "青山镇松林村", "青山镇松林村三组 5 号"))
            .Then((c, cases) =>
            {
                var at = cases.UtcNow.AddDays(-3);
                CaseBuilding.Ok(c.Accept("clerk", at));
                CaseBuilding.Ok(c.Assign(leader, rsj, null, null, null, "clerk", at));
                CaseBuilding.Ok(c.StartHandling("unit", at));
                if (replied) CaseBuilding.Ok(c.Reply("经核实，补偿款已于本月发放到户。", cases.Today.AddDays(-1), "unit", at.AddDays(1)));
            })
            .SaveAsync();
        return (c.Id, c.Number.ToString());
    }

    /// <summary>Issues a query code for the case as the receipt page does; returns the code in clear (the only copy).</summary>
    public static async Task<string> IssueCodeAsync(this ReceptionFactory app, int caseId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var code = await scope.ServiceProvider.GetRequiredService<QueryCodes>().IssueAsync(caseId, "clerk");
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        return code;
    }

    /// <summary>Posts the public query form as a person would (GET the form, fill in, submit).</summary>
    public static async Task<HttpResponseMessage> QueryAsync(this AppClient client, string number, string code) =>
        await client.SubmitAsync(await client.GetPageAsync("/query"), new Dictionary<string, string> { ["Input.Number"] = number, ["Input.Code"] = code },
            form: "form[data-field=query-form]");
}
