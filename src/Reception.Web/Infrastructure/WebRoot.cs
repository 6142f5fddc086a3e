using Microsoft.Extensions.FileProviders;

namespace Reception.Web.Infrastructure;

/// <summary>
/// The web root is the repository's top-level wwwroot/ (shared with the browser tests and any
/// front-end tooling); a published app carries a copy beside itself.
/// </summary>
public static class WebRoot
{
    public static void Use(IWebHostEnvironment env)
    {
        var path = Find(env.ContentRootPath) ?? throw new InvalidOperationException(
            $"No wwwroot folder found beside {env.ContentRootPath} or in a parent folder holding Reception.sln.");
        env.WebRootPath = path;
        env.WebRootFileProvider = new PhysicalFileProvider(path);
    }

    private static string? Find(string contentRoot)
    {
        var beside = Path.Combine(contentRoot, "wwwroot");
        if (Directory.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reception.sln")) && Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
                return Path.Combine(dir.FullName, "wwwroot");
        }
        return null;
    }
}
