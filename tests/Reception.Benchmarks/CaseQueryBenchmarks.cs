using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases.Deadlines;
using Reception.Tools;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Cases;

namespace Reception.Benchmarks;

/// <summary>
/// The casework read paths over the province dataset (<see cref="CaseDataset"/>, 1,000,000 cases): the case list page
/// (filtered, paged: <see cref="CaseListQuery"/>) for a county clerk and the province clerk, the supervision board
/// (<see cref="BoardQuery"/>), a leader's "my cases" page, the home page's agenda, the metrics page and the calendar feeds' queries
/// (on SQLite, or on PostgreSQL with <c>RECEPTION_BENCH_POSTGRES</c>). One invocation per measurement, so the percentiles are
/// those of single requests. Target: under 100 ms at the 95th percentile.
/// </summary>
[Config(typeof(CaseBenchmarkConfig))]
public class CaseQueryBenchmarks
{
    private WebApplication host = null!;
    private AsyncServiceScope scope;
    private CurrentUser provinceClerk = null!, countyClerk = null!, leader = null!;

    /// <summary>Print every statement with its query plan (<c>cases --explain</c>).</summary>
    public bool Explain { get; init; }

    [GlobalSetup]
    public void Setup()
    {
        CaseDataset.EnsureAsync().GetAwaiter().GetResult();
        host = CaseDataset.BuildHost(CaseDataset.Directory, configure: Explain ? ExplainQueries.Add : null);
        using var users = host.Services.CreateScope();
        provinceClerk = ScaleSeed.SignedInAsync(users.ServiceProvider, ScaleSeed.ProvinceClerk).GetAwaiter().GetResult();
        countyClerk = ScaleSeed.SignedInAsync(users.ServiceProvider, ScaleSeed.CountyClerk).GetAwaiter().GetResult();
        leader = ScaleSeed.SignedInAsync(users.ServiceProvider, ScaleSeed.LeaderUser).GetAwaiter().GetResult();
        // A petitioner halfway through the data (decrypted by the app's converters) for the ID-number and phone searches.
        var db = users.ServiceProvider.GetRequiredService<AppDbContext>();
        var count = db.CasePetitioners.Count();
        var someone = db.CasePetitioners.AsNoTracking().OrderBy(p => p.Id).Skip(count / 2).Select(p => new { p.IdentityNumber, p.Phone }).First();
        identityNumber = someone.IdentityNumber!;
        phone = someone.Phone!;
    }

    private string identityNumber = "", phone = "";

    [GlobalCleanup]
    public void Cleanup() => host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A fresh scope (DbContext) per request, as in the app.</summary>
    [IterationSetup]
    public void NewScope() => scope = host.Services.CreateAsyncScope();

    [IterationCleanup]
    public void EndScope() => scope.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private AppDbContext Db => scope.ServiceProvider.GetRequiredService<AppDbContext>();

    [Benchmark(Description = "List: county clerk, open=true&colour=Yellow, page 1")]
    public Task<int> ListCountyOpenYellow() => ListAsync(countyClerk, new CaseListQuery { Open = true, Colour = SupervisionColour.Yellow });

    [Benchmark(Description = "List: province clerk, open=true&colour=Yellow, page 1")]
    public Task<int> ListProvinceOpenYellow() => ListAsync(provinceClerk, new CaseListQuery { Open = true, Colour = SupervisionColour.Yellow });

    [Benchmark(Description = "List: county clerk, category=labour&text=工资, page 1")]
    public Task<int> ListCountyCategoryText() => ListAsync(countyClerk, new CaseListQuery { Category = "labour", Text = "工资" });

    [Benchmark(Description = "List: province clerk, category=labour&text=工资, page 1")]
    public Task<int> ListProvinceCategoryText() => ListAsync(provinceClerk, new CaseListQuery { Category = "labour", Text = "工资" });

    [Benchmark(Description = "List: province clerk, no filter, page 1")]
    public Task<int> ListProvinceAll() => ListAsync(provinceClerk, new CaseListQuery());

    [Benchmark(Description = "List: county clerk, no filter, page 20")]
    public Task<int> ListCountyPage20() => ListAsync(countyClerk, new CaseListQuery { Page = 20 });

    [Benchmark(Description = "Search: county clerk, name part 建国")]
    public Task<int> SearchCountyNamePart() => ListAsync(countyClerk, new CaseListQuery { Text = "建国" });

    [Benchmark(Description = "Search: province clerk, full name 李建国")]
    public Task<int> SearchProvinceName() => ListAsync(provinceClerk, new CaseListQuery { Text = "李建国" });

    [Benchmark(Description = "Search: province clerk, ID number (blind index)")]
    public Task<int> SearchProvinceIdNumber() => ListAsync(provinceClerk, new CaseListQuery { Text = identityNumber });

    [Benchmark(Description = "Search: province clerk, phone (blind index)")]
    public Task<int> SearchProvincePhone() => ListAsync(provinceClerk, new CaseListQuery { Text = phone });

    [Benchmark(Description = "Search: county clerk, 工资")]
    public Task<int> SearchCountyWord() => ListAsync(countyClerk, new CaseListQuery { Text = "工资" });

    [Benchmark(Description = "Search: province clerk, 工资")]
    public Task<int> SearchProvinceWord() => ListAsync(provinceClerk, new CaseListQuery { Text = "工资" });

    [Benchmark(Description = "Search: province clerk, 工资, page 20")]
    public Task<int> SearchProvinceWordPage20() => ListAsync(provinceClerk, new CaseListQuery { Text = "工资", Page = 20 });

    [Benchmark(Description = "Search: province clerk, 污水直排 (reply text too)")]
    public Task<int> SearchProvincePhrase() => ListAsync(provinceClerk, new CaseListQuery { Text = "污水直排" });

    [Benchmark(Description = "Search: county clerk, 工资 + open=true")]
    public Task<int> SearchCountyWordOpen() => ListAsync(countyClerk, new CaseListQuery { Text = "工资", Open = true });

    [Benchmark(Description = "Board: province clerk")]
    public async Task<int> BoardProvince() => (await BoardQuery.CountsAsync(Db, provinceClerk.Scope, TimeProvider.System)).Totals.Total;

    [Benchmark(Description = "Board: county clerk")]
    public async Task<int> BoardCounty() => (await BoardQuery.CountsAsync(Db, countyClerk.Scope, TimeProvider.System)).Totals.Total;

    // The charts' queries (issue 19 item 5) over 2026 (the dataset's most recent year, about a third of its cases).
    [Benchmark(Description = "Charts: monthly figures (trend, rates), province clerk, 2026")]
    public async Task<int> ChartMonthsProvince() => (await Metrics.MonthlyFiguresAsync(Scoped(provinceClerk), ChartYear)).Sum(m => m.Figures.Total);

    [Benchmark(Description = "Charts: monthly figures (trend, rates), county clerk, 2026")]
    public async Task<int> ChartMonthsCounty() => (await Metrics.MonthlyFiguresAsync(Scoped(countyClerk), ChartYear)).Sum(m => m.Figures.Total);

    [Benchmark(Description = "Charts: monthly figures (trend, rates), a county leader, 2026")]
    public async Task<int> ChartMonthsLeader() => (await Metrics.MonthlyFiguresAsync(Scoped(leader), ChartYear)).Sum(m => m.Figures.Total);

    [Benchmark(Description = "Charts: colour mix at month ends, province clerk, 2026")]
    public async Task<int> ChartColoursProvince() => (await Metrics.ColourMixAsync(Scoped(provinceClerk), ChartYear)).Sum(m => m.Colours.Total);

    [Benchmark(Description = "Charts: colour mix at month ends, county clerk, 2026")]
    public async Task<int> ChartColoursCounty() => (await Metrics.ColourMixAsync(Scoped(countyClerk), ChartYear)).Sum(m => m.Colours.Total);

    [Benchmark(Description = "Charts: metrics report (figures, category, township, channel, 三下降), province clerk, 2026")]
    public async Task<int> ChartReportProvince() => (await Metrics.ReportAsync(Scoped(provinceClerk), ChartYear, provinceClerk.OrgPath)).Figures.Total;

    [Benchmark(Description = "Charts: metrics report (figures, category, township, channel, 三下降), county clerk, 2026")]
    public async Task<int> ChartReportCounty() => (await Metrics.ReportAsync(Scoped(countyClerk), ChartYear, countyClerk.OrgPath)).Figures.Total;

    private static readonly Reception.Core.Cases.MonthRange ChartYear = Reception.Core.Cases.MonthRange.Year(2026);

    private CaseMetrics Metrics => ActivatorUtilities.GetServiceOrCreateInstance<CaseMetrics>(scope.ServiceProvider);

    private IQueryable<Reception.Core.Cases.PetitionCase> Scoped(CurrentUser me) => Db.Cases.AsNoTracking().VisibleTo(Db, me.Scope);

    [Benchmark(Description = "My cases: a county leader (the page's queries)")]
    public async Task<int> MyCasesLeader()
    {
        var page = ActivatorUtilities.CreateInstance<Reception.Web.Features.Cases.MyCases.IndexModel>(scope.ServiceProvider, leader);
        await page.OnGetAsync(CancellationToken.None);
        return page.Overdue.Count + page.DueSoon.Count + page.OtherInHand.Count + page.RecentlyFinished.Count;
    }

    [Benchmark(Description = "Home agenda: province clerk")]
    public Task<int> AgendaProvinceClerk() => AgendaAsync(provinceClerk);

    [Benchmark(Description = "Home agenda: county clerk")]
    public Task<int> AgendaCountyClerk() => AgendaAsync(countyClerk);

    [Benchmark(Description = "Home agenda: a county leader")]
    public Task<int> AgendaLeader() => AgendaAsync(leader);

    [Benchmark(Description = "Metrics: province clerk, this year (the page's queries)")]
    public Task<int> MetricsProvinceClerk() => MetricsAsync(provinceClerk);

    [Benchmark(Description = "Metrics: county clerk, this year")]
    public Task<int> MetricsCountyClerk() => MetricsAsync(countyClerk);

    [Benchmark(Description = "Metrics: a county leader, this year")]
    public Task<int> MetricsLeader() => MetricsAsync(leader);

    [Benchmark(Description = "Feed: a county leader's personal feed (duties, visits, case deadlines)")]
    public async Task<int> FeedPersonal() =>
        (await Feeds.PersonalAsync(leader.LeaderId!.Value, "leader", Site, Reception.Core.Time.ChinaTime.Today(TimeProvider.System))).Events.Count;

    [Benchmark(Description = "Feed: a county office's feed (duties and visits under its path)")]
    public async Task<int> FeedOffice() =>
        (await Feeds.OfficeAsync(countyClerk.OrgPath, "county", Site, Reception.Core.Time.ChinaTime.Today(TimeProvider.System))).Events.Count;

    [Benchmark(Description = "Feed: a county's public rota feed")]
    public async Task<int> FeedPublic() =>
        (await Feeds.PublicAsync("c001", Site, Reception.Core.Time.ChinaTime.Today(TimeProvider.System)))?.Events.Count ?? -1;

    private static readonly Uri Site = new("https://reception.example/");

    private Reception.Web.Features.Calendar.Feeds.FeedQueries Feeds =>
        ActivatorUtilities.CreateInstance<Reception.Web.Features.Calendar.Feeds.FeedQueries>(scope.ServiceProvider);

    private async Task<int> MetricsAsync(CurrentUser me)
    {
        var page = ActivatorUtilities.CreateInstance<Reception.Web.Features.Cases.Metrics.IndexModel>(scope.ServiceProvider, me);
        await page.OnGetAsync(CancellationToken.None);
        return page.Report.Figures.Total;
    }

    private async Task<int> AgendaAsync(CurrentUser me) =>
        (await ActivatorUtilities.CreateInstance<Reception.Web.Features.Home.HomeAgenda>(scope.ServiceProvider, me).ForTodayAsync(Reception.Core.Time.ChinaTime.Today(TimeProvider.System))).Count;

    private async Task<int> ListAsync(CurrentUser me, CaseListQuery query)
    {
        var db = Db;
        var (filtered, _) = await query.ApplyAsync(db.Cases.AsNoTracking().VisibleTo(db, me.Scope), db, me.Scope);
        var page = await query.PageAsync(filtered, db);
        return page.Items.Count + page.Total;
    }
}
