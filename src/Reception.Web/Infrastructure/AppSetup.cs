using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reception.Web.Data.PersonalData;
using Reception.Web.Data.Seed;

namespace Reception.Web.Infrastructure;

public static class AppSetup
{
    public static void AddReception(this WebApplicationBuilder builder)
    {
        WebRoot.Use(builder.Environment);
        // A calendar feed's path holds its secret token: no log writes request paths, whatever the configuration says.
        var services = builder.Services;
        var options = builder.Configuration.GetSection(ReceptionOptions.Section).Get<ReceptionOptions>() ?? new ReceptionOptions();
        services.Configure<ReceptionOptions>(builder.Configuration.GetSection(ReceptionOptions.Section));

        var dataDirectory = DatabaseSetup.ResolveDataDirectory(options, builder.Environment.ContentRootPath);
        // The database, backups, mail folder and key file are readable by the service account only (README, Security).
        PrivateFiles.Directory(dataDirectory);
        services.AddSingleton(new DataDirectory(dataDirectory));
        // Petitioners' ID numbers, phones and addresses are encrypted with a key kept outside the database; without one
        // a production instance does not start (a Development or demo instance generates a key file).
        var personalData = PersonalDataKeys.Load(builder.Configuration, dataDirectory,
            mayGenerate: builder.Environment.IsDevelopment() || options.SeedDemoData == true);
        services.AddSingleton<Reception.Web.Data.PersonalData.IPersonalDataProtector>(personalData);
        // The case search index follows every save that changes what a case is found by.
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(Reception.Web.Data.Search.CaseSearchIndex.Interceptor.Instance);

        var provider = DatabaseSetup.ParseProvider(options.Database.Provider);
        var connectionString = provider == DatabaseProvider.Sqlite
            ? DatabaseSetup.SqliteConnectionString(dataDirectory)
            : builder.Configuration.GetConnectionString("Reception")
              ?? throw new InvalidOperationException("Reception:Database:Provider is Postgres but ConnectionStrings:Reception (env ConnectionStrings__Reception) is not set.");
        if (provider == DatabaseProvider.Sqlite)
            DatabaseSetup.PrepareSqliteFiles(dataDirectory, DatabaseSetup.SqliteFileName, Reception.Web.Jobs.JobSetup.SqliteFileName);
        services.AddDbContext<AppDbContext>((sp, o) =>
        {
            DatabaseSetup.Configure(o, provider, connectionString);
            // What the plumbing and the features hook into saving (the mail sent after a commit, feed versions, …).
            o.AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddSingleton<PublicAddress>();
        Reception.Web.Mail.MailSetup.AddReceptionMail(services, builder.Configuration);
        Reception.Web.Jobs.JobSetup.AddReceptionJobs(services, builder.Configuration, provider, connectionString, dataDirectory);

        services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.Section));
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                // Length and the blocklist, not character classes (ASVS V2.1.9; PasswordRulesValidator).
                o.Password.RequiredLength = Reception.Core.Security.PasswordPolicy.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                // No fixed lock anyone could trigger with a few wrong passwords: SignInThrottling delays instead.
                o.Lockout.AllowedForNewUsers = false;
                o.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<AppUserStore>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TotpAuthenticatorProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<PasswordRulesValidator>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>();
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.TimeProvider = clock;
        });
        services.AddSingleton<Microsoft.AspNetCore.Authentication.Cookies.ITicketStore, Reception.Web.Authorization.Sessions.DatabaseTicketStore>();
        services.AddScoped<Reception.Web.Authorization.Sessions.UserSessions>();
        services.AddScoped<SignInThrottling>();
        Reception.Web.Audit.AuditSetup.AddReceptionAudit(services, builder.Configuration);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = EarlyAnswers.AuthCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            // The session's idle timeout and absolute lifetime are enforced on the server (DatabaseTicketStore); the
            // cookie lives only as long as the browser.
            o.ExpireTimeSpan = options.Security.AbsoluteLifetime;
            o.SlidingExpiration = false;
            // Answer 403 at the requested address; the status-code page then explains it in the user's language.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<Microsoft.AspNetCore.Authentication.Cookies.ITicketStore, TimeProvider>((o, store, clock) =>
            {
                o.SessionStore = store;
                o.TimeProvider = clock;
            });
        // The key ring lives in the app's database, so every instance of a cluster reads the cookies and antiforgery
        // tokens another one wrote.
        services.AddDataProtection()
            .SetApplicationName("Reception")
            .PersistKeysToDbContext<AppDbContext>();

        // Every page needs a signed-in user unless it says [AllowAnonymous]; pages name their roles
        // with [Authorize(Roles = …)] and load records through ScopeFilters; the global settings' pages
        // use the GlobalSettings policy (administrators of a root unit).
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddGlobalSettingsPolicy();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Pages live with the rest of their feature: Features/<Feature>/ (see README, "Where things live").
        services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddMvcOptions(o => o.Filters.Add<Reception.Web.Audit.AuditPageFilter>())
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddOptions<MvcOptions>().Configure<IStringLocalizer<SharedResource>>(LocalizeModelBindingMessages);
        // Malformed addresses answer 400; creating forms posted twice create one record (issue 16, item 15).
        services.AddScoped<Idempotency>();
        services.Configure<MvcOptions>(o =>
        {
            o.Filters.Add(new MalformedAddressFilter());
            o.Filters.AddService<Idempotency>();
        });
        services.Configure<RouteOptions>(o => o.LowercaseUrls = false);

        // Write Chinese as characters, not &#x…; entities (smaller pages, readable source).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        // Behind a reverse proxy on this machine (nginx terminating HTTPS), the address people used — scheme and host —
        // comes from X-Forwarded-Proto and X-Forwarded-Host, so feed links, webcal:// links and event URLs are theirs.
        // Loopback proxies are believed (the framework's default) unless Reception:TrustLoopbackProxy is false; a proxy
        // elsewhere, or the one loopback address nginx connects from (the cluster script's 127.0.0.2), is named in
        // KnownProxies (addresses) or KnownNetworks (CIDR).
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                                 | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto
                                 | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost;
            if (!builder.Configuration.GetValue("Reception:TrustLoopbackProxy", true))
            {
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
            }
            foreach (var proxy in builder.Configuration.GetSection("Reception:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            foreach (var network in builder.Configuration.GetSection("Reception:KnownNetworks").Get<string[]>() ?? [])
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            // A forwarded host is believed only when it is one of AllowedHosts (the Host header itself is checked by
            // the framework's host filtering), so no other name ends up in feed links, webcal:// links or event URLs.
            foreach (var host in SecurityHeaders.AllowedHosts(builder.Configuration))
                o.AllowedHosts.Add(host);
        });
        // The framework puts its host filtering (AllowedHosts) before the app's middleware, so its 400 would go out without
        // the security headers; it runs right after them instead (UseReception), with the same options.
        if (services.FirstOrDefault(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType?.Name == "HostFilteringStartupFilter") is { } hostFiltering)
            services.Remove(hostFiltering);
        // Browsers remember to use HTTPS only (Production, on requests that came over HTTPS — directly or through the proxy).
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.Configure<HealthOptions>(builder.Configuration.GetSection(HealthOptions.Section));
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<DiskSpaceHealthCheck>("disk");
        services.AddScoped<DatabaseInitializer>();
        services.TryAddSingleton(ShippedArrangement.Embedded);
    }

    public static void UseReception(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseHostFiltering();
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // An exception the request caused (antiforgery, a malformed form) is a 400; the rest are 500s (the page reads which).
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            StatusCodeSelector = BadRequests.StatusCodeOf,
        });
        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseStaticFiles();
        app.UseNoStoreByDefault();
        app.UseRequestLocalization(Cultures.RequestOptions());
        // Feeds and the public rota page, unchanged: one statement and bytes from memory, before routing (IEarlyAnswer).
        app.UseEarlyAnswers();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<Reception.Web.Audit.AuditMiddleware>();
        app.UseMiddleware<AccountRequirements>();
        app.UseAuthorization();
        app.UseRateLimiter(); // the endpoints' own policies (e.g. the public query page's per-address limit)
        app.UseUnreadableFormsAsBadRequests();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapRazorPages();
        Reception.Web.Jobs.JobsDashboard.MapJobsDashboard(app);
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var seededDemo = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Environment.IsDevelopment());
        // The demo's reminders and alerts appear at once, not at the next scheduled time (see StartupJobs).
        if (seededDemo && app.Configuration.GetValue($"{Reception.Web.Jobs.JobCatalog.Section}:RunAlertsAfterDemoSeed", true))
        {
            var startup = app.Services.GetRequiredService<Reception.Web.Jobs.StartupJobs>();
            startup.Request(startup.AfterDemoSeed);
        }
    }

    private static void LocalizeModelBindingMessages(MvcOptions o, IStringLocalizer<SharedResource> l)
    {
        var m = o.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((value, field) => l["The value \"{0}\" is not valid for {1}.", value, field]);
        m.SetMissingBindRequiredValueAccessor(field => l["{0} is required.", field]);
        m.SetMissingKeyOrValueAccessor(() => l["A value is required."]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["A value is required."]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["The value \"{0}\" is not valid.", value]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["The value is not valid."]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["Enter a number."]);
        m.SetUnknownValueIsInvalidAccessor(field => l["The value of {0} is not valid.", field]);
        m.SetValueIsInvalidAccessor(value => l["The value \"{0}\" is not valid.", value]);
        m.SetValueMustBeANumberAccessor(field => l["{0} must be a number.", field]);
        m.SetValueMustNotBeNullAccessor(field => l["{0} is required.", field]);
    }
}

/// <summary>The resolved data directory (database file, keys, mail folder, backups).</summary>
public sealed record DataDirectory(string Path);
