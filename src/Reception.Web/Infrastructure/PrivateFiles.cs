namespace Reception.Web.Infrastructure;

/// <summary>
/// Files and folders that hold the app's data (the database, backups, the mail folder, the personal data key) are
/// readable by the service account only: folders 0700, files 0600 (on Unix; Windows keeps its inherited ACLs).
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderPermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (and missing parents) as 0700, or makes an existing one 0700.</summary>
    public static void Directory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
            return;
        }
        if (System.IO.Directory.Exists(path)) File.SetUnixFileMode(path, FolderPermissions);
        else System.IO.Directory.CreateDirectory(path, FolderPermissions);
    }

    /// <summary>Makes an existing file 0600 (nothing when it does not exist).</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path)) File.SetUnixFileMode(path, FilePermissions);
    }

    /// <summary>Creates an empty file as 0600 unless it exists (then makes it 0600): SQLite then creates its -wal and -shm files alike.</summary>
    public static void Touch(string path)
    {
        if (File.Exists(path))
        {
            Restrict(path);
            return;
        }
        using var _ = Create(path, System.IO.FileMode.CreateNew);
    }

    /// <summary>A new file opened for writing, 0600 from the start (fails if it exists).</summary>
    public static FileStream CreateNew(string path) => Create(path, System.IO.FileMode.CreateNew);

    /// <summary>A file opened for writing and truncated, created 0600 (an existing file is made 0600).</summary>
    public static FileStream Create(string path)
    {
        Restrict(path);
        return Create(path, System.IO.FileMode.Create);
    }

    private static FileStream Create(string path, System.IO.FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FilePermissions;
        return new FileStream(path, options);
    }
}
