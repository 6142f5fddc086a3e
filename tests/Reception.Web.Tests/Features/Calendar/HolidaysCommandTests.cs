using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Calendar;
using Reception.Web.Data;
using Reception.Web.Features.Calendar;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Features.Calendar;

/// <summary>
/// <c>holidays parse</c> and <c>holidays show</c> run as they are run in a deployment script: the built app
/// (Reception.Web.dll beside the tests) as a process of its own, its standard output compared byte for byte.
/// </summary>
public sealed class HolidaysCommandTests
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static string NoticeFile(int year) => Path.Combine(AppContext.BaseDirectory, "Calendar", "Notices", $"{year}.txt");

    /// <summary>The header and the <paramref name="year"/> lines of the shipped cn-holidays.csv, as they are in the file.</summary>
    private static string ShippedLines(int year, string suffix = "") =>
        string.Concat(ShippedHolidays.ReadCsv().Split('\n').Where(l => l.StartsWith($"{year}-", StringComparison.Ordinal)).Select(l => l + suffix + "\n"));

    [Theory]
    [InlineData(2026)]
    [InlineData(2025)]
    [InlineData(2024)]
    public async Task Parse_TheRealNotice_PrintsExactlyThatYearOfTheShippedCsv(int year)
    {
        var run = await RunAsync("holidays", "parse", NoticeFile(year));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal(Utf8.GetBytes("date,name,is_off_day\n" + ShippedLines(year)), run.Output);
    }

    [Fact]
    public async Task Parse_AnIcsCalendar_PrintsItsDates()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("reception-ics-").FullName, "holidays.ics");
        await File.WriteAllTextAsync(file, HolidayIcsTests.HolidayCnStyle(ShippedHolidays.Load().Entries.Where(e => e.Date.Year == 2026)));

        var run = await RunAsync("holidays", "parse", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("date,name,is_off_day\n" + ShippedLines(2026), Utf8.GetString(run.Output));
    }

    [Fact]
    public async Task Parse_AWordingItCannotRead_ExplainsInChineseAndPrintsNothing()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var file = Path.Combine(Directory.CreateTempSubdirectory("reception-notice-").FullName, "2026-edited.txt");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(NoticeFile(2026))).Replace("放假调休，共9天", "放假调休，共8天", StringComparison.Ordinal),
            Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)); // as a Windows editor saves it

        var run = await RunAsync("holidays", "parse", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal("“二、春节”写明共 8 天，但列出的日期共 9 天。\n", run.Error);
    }

    [Theory]
    [InlineData("holidays")]
    [InlineData("holidays", "parse")]
    [InlineData("holidays", "show", "twenty")]
    [InlineData("holidays", "list", "2026")]
    public async Task WrongUsage_SaysHowAndExitsWith2(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal(HolidaysCommand.Usage + "\n", run.Error);
    }

    [Fact]
    public async Task Show_OnAnEmptyDataDirectory_CreatesTheDatabase_AndPrintsTheOfficialYear()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("reception-show-").FullName;
        try
        {
            var run = await RunAsync("holidays", "show", "2026", "--data-dir", dataDirectory);

            Assert.Equal(0, run.ExitCode);
            Assert.Equal("", run.Error);
            Assert.Equal(Utf8.GetBytes("date,name,is_off_day,source\n" + ShippedLines(2026, ",official")), run.Output);
            Assert.True(File.Exists(Path.Combine(dataDirectory, "reception.db")));
            await using var db = Database(dataDirectory);
            Assert.False(await db.OrgUnits.AnyAsync()); // no demo, no administrator: only what every start needs
            Assert.Equal(ShippedHolidays.Load().Years, await db.CalendarYears.OrderBy(y => y.Year).Select(y => y.Year).ToListAsync());
        }
        finally
        {
            Delete(dataDirectory);
        }
    }

    [Fact]
    public async Task Show_ADateSetByHand_IsMarkedAdmin()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("reception-show-").FullName;
        try
        {
            Assert.Equal(0, (await RunAsync("holidays", "show", "2026", "--data-dir", dataDirectory)).ExitCode);
            await using (var db = Database(dataDirectory))
            {
                db.HolidayEntries.Add(HolidayEntry.ByHand(new DateOnly(2026, 3, 7), "调休", isOffDay: false)); // a Saturday worked
                (await db.HolidayEntries.SingleAsync(e => e.Date == new DateOnly(2026, 6, 19))).Change("端午节（本地）", isOffDay: true);
                await db.SaveChangesAsync();
            }

            var run = await RunAsync("holidays", "show", "2026", "--data-dir", dataDirectory);

            Assert.Equal(0, run.ExitCode);
            var lines = Utf8.GetString(run.Output).Split('\n');
            Assert.Contains("2026-03-07,调休,false,admin", lines);
            Assert.Contains("2026-06-19,端午节（本地）,true,admin", lines);
            Assert.Contains("2026-06-20,端午节,true,official", lines);
            Assert.Equal(ShippedHolidays.Load().Entries.Count(e => e.Date.Year == 2026) + 1 + 2, lines.Length); // header, rows, the added date, the final \n
        }
        finally
        {
            Delete(dataDirectory);
        }
    }

    [Fact]
    public async Task Show_TheYearAfterTheShippedOnes_ListsItsStatutoryDaysAsProvisional_AndWarns()
    {
        // Whatever years a release ships, the year after them is unknown to a fresh database.
        var year = ShippedHolidays.Load().Years.Max() + 1;
        var dataDirectory = Directory.CreateTempSubdirectory("reception-show-").FullName;
        try
        {
            var run = await RunAsync("holidays", "show", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", dataDirectory);

            Assert.Equal(0, run.ExitCode);
            var expected = "date,name,is_off_day,source\n" + string.Concat(StatutoryHolidays.For(year).Select(d => $"{d.Date:yyyy-MM-dd},{d.Name},true,provisional\n"));
            Assert.Equal(expected, Utf8.GetString(run.Output));
            Assert.Equal($"尚未载入 {year} 年的法定节假日安排；法定节假日暂按放假计算，调休安排尚不确定。\n", run.Error);
        }
        finally
        {
            Delete(dataDirectory);
        }
    }

    private static AppDbContext Database(string dataDirectory)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, DatabaseSetup.SqliteConnectionString(dataDirectory));
        return new AppDbContext(options.Options);
    }

    private static void Delete(string directory)
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    private sealed record Run(int ExitCode, byte[] Output, string Error);

    /// <summary>Runs <c>dotnet Reception.Web.dll ARGS</c> from the test output folder, in Production, with no demo.</summary>
    private static async Task<Run> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Reception.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Reception__Database__Provider"] = "Sqlite";
        start.Environment["Reception__SeedDemoData"] = "false";
        // As the service's own environment: Production does not start without the personal data key.
        start.Environment["Reception__Security__PersonalDataKey"] = ReceptionFactory.TestPersonalDataKey;
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        await copy;
        return new Run(process.ExitCode, output.ToArray(), (await error).Replace("\r\n", "\n"));
    }
}
