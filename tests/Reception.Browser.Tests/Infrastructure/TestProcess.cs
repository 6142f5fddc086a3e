using System.Runtime.CompilerServices;

namespace Reception.Browser.Tests.Infrastructure;

/// <summary>Settings of the test process itself, made before any app starts.</summary>
internal static class TestProcess
{
    /// <summary>
    /// The tests start several app instances in one process (as the web tests do, hundreds). Each would watch its configuration files and web root
    /// through inotify, and not every watcher goes away with its host, while inotify instances are limited per user on
    /// the machine (128 by default, shared with every other process of that user): a long run failed with "the configured
    /// user limit (128) on the number of inotify instances has been reached". The test apps neither reload their
    /// configuration nor need file change events, so they poll instead (the setting only affects this process).
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
