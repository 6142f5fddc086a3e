using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Features.Org;

namespace Reception.Web.Tests.Features;

public sealed class ErrorPageTests
{
    [Theory]
    [InlineData("zh-CN", "出错了")]
    [InlineData("en", "Something went wrong")]
    public async Task UnexpectedFailure_Shows500PageInTheUsersLanguage_WithoutDetails(string culture, string title)
    {
        // A page whose dependencies cannot be built fails the way a real defect would.
        await using var app = ReceptionFactory.Build()
            .Services(s => s.AddScoped<OrgChoices>(_ => throw new InvalidOperationException("secret internal detail")))
            .Create();
        using var client = await app.LoginAsync("clerk");
        client.UseCulture(culture);

        using var response = await client.GetAsync("/Leaders/Index");
        var body = await response.Content.ReadAsStringAsync();
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(title, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("secret internal detail", body, StringComparison.Ordinal);
    }
}
