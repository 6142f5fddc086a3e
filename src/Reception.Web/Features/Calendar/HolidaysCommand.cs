using System.Text;
using Reception.Core.Calendar;
using Reception.Core.Imports;
using Reception.Web.Data.Seed;

namespace Reception.Web.Features.Calendar;

/// <summary>
/// The holiday calendar from the command line, for scripted deployments and checks:
/// <list type="bullet">
/// <item><c>holidays parse FILE</c> — reads a State Council notice (text, UTF-8 or GB18030) or an .ics holiday
/// calendar and prints its arrangement as CSV: the header <c>date,name,is_off_day</c>, then one line per date
/// (yyyy-MM-dd, true/false). Touches no database.</item>
/// <item><c>holidays show YEAR [--data-dir DIR]</c> — opens the app's database (the configured one; SQLite in DIR when
/// given, created and migrated when empty, with the shipped years and no demo data) and prints the effective calendar's
/// off days and make-up working days with a fourth column, <c>source</c>: official, admin or provisional.</item>
/// </list>
/// Standard output carries only the CSV (UTF-8, \n line ends); refusals and warnings go to standard error in Chinese.
/// Exit codes: 0 done, 1 the input was refused, 2 wrong usage.
/// </summary>
public static class HolidaysCommand
{
    public const string Usage = "Usage: holidays parse FILE | holidays show YEAR [--data-dir DIR]";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "holidays";

    /// <summary>Runs the command; <paramref name="clock"/> is the app's clock for a database it creates.</summary>
    public static async Task<int> RunCommandAsync(string[] args, TimeProvider clock, Stream stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        CultureInfo.CurrentUICulture = new CultureInfo(Cultures.Chinese);
        var output = new StreamWriter(stdout, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        await using (output)
        {
            switch (args.Skip(1).FirstOrDefault())
            {
                case "parse" when args.Length == 3:
                    return await ParseAsync(args[2], output, stderr);
                case "show":
                    return await ShowAsync(args[2..], clock, output, stderr);
                default:
                    await stderr.WriteLineAsync(Usage);
                    return 2;
            }
        }
    }

    private static async Task<int> ParseAsync(string file, TextWriter output, TextWriter stderr)
    {
        var l = Localizer();
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync(l["The file {0} does not exist.", file]);
            return 2;
        }

        var decoded = CsvText.Decode(await File.ReadAllBytesAsync(file));
        if (!decoded.Succeeded)
        {
            await stderr.WriteLineAsync(l.Text(decoded.Error));
            return 1;
        }

        var (entries, errors) = Read(decoded.Text);
        if (errors.Count > 0)
        {
            foreach (var error in errors) await stderr.WriteLineAsync(l.Text(error));
            return 1;
        }

        await output.WriteAsync(HolidayCsv.Format(entries));
        return 0;
    }

    /// <summary>A notice's text, or an .ics calendar (every year in it).</summary>
    internal static (IReadOnlyList<HolidayEntry> Entries, IReadOnlyList<LocalizableMessage> Errors) Read(string text)
    {
        if (text.TrimStart().StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            var ics = HolidayIcs.Read(text, year: null);
            return (ics.Entries, ics.Errors);
        }

        var notice = HolidayNotice.Read(text);
        return (notice.Entries, notice.Errors);
    }

    private static async Task<int> ShowAsync(string[] args, TimeProvider clock, TextWriter output, TextWriter stderr)
    {
        int? year = null;
        string? dataDir = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--data-dir" && i + 1 < args.Length) dataDir = args[++i];
            else if (year is null && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1 and <= 9999) year = y;
            else
            {
                await stderr.WriteLineAsync(Usage);
                return 2;
            }
        }
        if (year is not { } shown)
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        if (dataDir is not null) builder.Configuration[ReceptionOptions.Section + ":DataDirectory"] = Path.GetFullPath(dataDir);
        // Standard output is the CSV: every log line goes to standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(clock);
        IReadOnlyList<ListedDay> days;
        WorkingDayCalendar calendar;
        try
        {
            builder.AddReception();
            builder.AddFeatures();
            await using var app = builder.Build();
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().PrepareAsync();
            var calendars = scope.ServiceProvider.GetRequiredService<HolidayCalendarService>();
            days = await HolidayListing.ForYearAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), calendars, shown);
            calendar = await calendars.GetAsync();
        }
        catch (InvalidOperationException e)
        {
            await stderr.WriteLineAsync(e.Message); // a configuration the app itself would refuse to start with
            return 1;
        }

        if (UnknownYearsWarning.For(calendar.UnknownYearsBetween(new DateOnly(shown, 1, 1), new DateOnly(shown, 12, 31))) is { } warning)
        {
            await stderr.WriteLineAsync(Localizer().Text(warning));
        }

        await output.WriteAsync(HolidayListing.Format(days));
        return 0;
    }

    /// <summary>The app's resources without a host (the messages are shown in Chinese, the product's language).</summary>
    private static IStringLocalizer Localizer() => Resources.Value.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static readonly Lazy<ServiceProvider> Resources = new(() =>
        new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider());
}
