namespace Reception.Core.Organisation;

/// <summary>Materialised org paths ("/demo/dongcheng/", see <see cref="OrgUnit.Path"/>) compared as plain strings.</summary>
public static class OrgPaths
{
    /// <summary>
    /// The path of the nearest unit whose subtree holds both paths: their longest common prefix that ends at a "/"
    /// boundary ("/demo/a/x/" and "/demo/b/" give "/demo/"; "/demo/a/" and "/demo/a/x/" give "/demo/a/"). Paths with
    /// no unit in common (different roots) give "/".
    /// </summary>
    public static string NearestCommon(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = WithSlash(a);
        var y = WithSlash(b);
        var end = 0; // length of the common prefix up to and including its last "/"
        for (var i = 0; i < Math.Min(x.Length, y.Length) && x[i] == y[i]; i++)
            if (x[i] == '/') end = i + 1;
        return end == 0 ? "/" : x[..end];
    }

    private static string WithSlash(string path) => path.EndsWith('/') ? path : path + "/";
}
