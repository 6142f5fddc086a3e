using Reception.Core.Organisation;

namespace Reception.Core.Tests.Organisation;

public class OrgPathsTests
{
    [Theory]
    [InlineData("/demo/a/", "/demo/b/", "/demo/")]
    [InlineData("/demo/a/x/", "/demo/b/", "/demo/")]
    [InlineData("/demo/a/", "/demo/a/x/", "/demo/a/")]
    [InlineData("/demo/a/x/", "/demo/a/", "/demo/a/")]
    [InlineData("/demo/ab/", "/demo/a/", "/demo/")] // a shared prefix inside a code is not a unit
    [InlineData("/demo/a/", "/demo/a/", "/demo/a/")]
    [InlineData("/demo/a", "/demo/b", "/demo/")]
    [InlineData("/one/", "/two/", "/")]
    public void The_Nearest_Common_Unit(string a, string b, string expected) => Assert.Equal(expected, OrgPaths.NearestCommon(a, b));
}
