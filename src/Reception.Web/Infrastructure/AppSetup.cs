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

        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = ".Reception.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Answer 403 at the requested address; the status-code page then explains it in the user's language.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // The key ring lives in the app's database, so every instance of a cluster reads the cookies and antiforgery
        // tokens another one wrote.
        services.AddDataProtection()
            .SetApplicationName("Reception")
            .PersistKeysToDbContext<AppDbContext>();

        // Every page needs a signed-in user unless it says [AllowAnonymous]; pages name their roles
        // with [Authorize(Roles = …)] and load records through ScopeQueries.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Pages live with the rest of their feature: Features/<Feature>/ (see README, "Where things live").
        services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddOptions<MvcOptions>().Configure<IStringLocalizer<SharedResource>>(LocalizeModelBindingMessages);
        services.Configure<RouteOptions>(o => o.LowercaseUrls = false);

        // Write Chinese as characters, not &#x…; entities (smaller pages, readable source).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        // Behind a reverse proxy on this machine (nginx terminating HTTPS), the address people used — scheme and host —
        // comes from X-Forwarded-Proto and X-Forwarded-Host, so feed links, webcal:// links and event URLs are theirs.
        // Only loopback proxies are believed (the framework's default); a proxy elsewhere is named in KnownProxies.
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                                 | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto
                                 | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost;
            foreach (var proxy in builder.Configuration.GetSection("Reception:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddScoped<DatabaseInitializer>();
        services.TryAddSingleton(ShippedArrangement.Embedded);
    }

    public static void UseReception(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler("/Error/500");
        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseStaticFiles();
        app.UseRequestLocalization(Cultures.RequestOptions());
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
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
