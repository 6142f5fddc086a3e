using HangfireLog = Hangfire.Logging;

namespace Reception.Web.Jobs;

/// <summary>
/// Hangfire logs through one process-wide provider (its LibLog static), and many of its classes keep the logger they got
/// first in a static field. Hangfire's own ASP.NET Core provider binds those loggers to the logger factory of the app
/// that configured Hangfire then — which, where several app instances live in one process one after another (the
/// tests), is soon disposed, and every later log call throws. This bridge is that process-wide provider: each logger
/// asks the factory of the app that configured Hangfire last, and a message for a factory already disposed is dropped.
/// One app per process (production) logs exactly as with Hangfire's provider.
/// </summary>
internal sealed class HangfireLogBridge : HangfireLog.ILogProvider
{
    public static readonly HangfireLogBridge Instance = new();

    private ILoggerFactory? _factory;

    /// <summary>Makes Hangfire log to <paramref name="factory"/> from now on.</summary>
    public static void Use(ILoggerFactory factory)
    {
        Volatile.Write(ref Instance._factory, factory);
        HangfireLog.LogProvider.SetCurrentLogProvider(Instance);
    }

    public HangfireLog.ILog GetLogger(string name) => new BridgedLog(this, name);

    private sealed class BridgedLog(HangfireLogBridge bridge, string name) : HangfireLog.ILog
    {
        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                if (Volatile.Read(ref bridge._factory) is not { } factory) return false;
                var logger = factory.CreateLogger(name);
                var level = logLevel switch
                {
                    HangfireLog.LogLevel.Trace => LogLevel.Trace,
                    HangfireLog.LogLevel.Debug => LogLevel.Debug,
                    HangfireLog.LogLevel.Info => LogLevel.Information,
                    HangfireLog.LogLevel.Warn => LogLevel.Warning,
                    HangfireLog.LogLevel.Error => LogLevel.Error,
                    _ => LogLevel.Critical,
                };
                // Without a message Hangfire only asks whether the level is on.
                if (messageFunc is null) return logger.IsEnabled(level);
                if (logger.IsEnabled(level)) logger.Log(level, 0, messageFunc(), exception, static (state, _) => state);
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
