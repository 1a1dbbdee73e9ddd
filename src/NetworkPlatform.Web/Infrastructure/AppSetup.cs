using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Domain.Email;
using NetworkPlatform.Domain.Files;
using NetworkPlatform.Domain.Premium;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Web.Features.Bench;
using NetworkPlatform.Web.Features.Companies;
using NetworkPlatform.Web.Features.Privacy;
using NetworkPlatform.Web.Features.ContactImport;
using NetworkPlatform.Web.Features.Shared;
using NetworkPlatform.Web.Infrastructure.Demo;
using NetworkPlatform.Web.Infrastructure.Email;
using NetworkPlatform.Web.Infrastructure.Health;
using NetworkPlatform.Web.Infrastructure.Images;
using NetworkPlatform.Web.Infrastructure.Jobs;
using NetworkPlatform.Web.Infrastructure.Localization;
using NetworkPlatform.Web.Infrastructure.Logging;
using NetworkPlatform.Web.Infrastructure.Security;
using NetworkPlatform.Web.Resources;

namespace NetworkPlatform.Web.Infrastructure;

public static class AppSetup
{
    public const string AuthRateLimit = "auth";
    public const string AdminPolicy = "Admin";

    public static void AddNetworkPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        builder.AddAppLogging();
        // Run from a build (tests, `dotnet run` in any environment) rather than a publish, the compressed copies
        // of wwwroot live under obj/ and this maps them in; a published app has no runtime manifest and this
        // does nothing. Without it, a browser asking for gzip got an empty stylesheet outside Development.
        builder.WebHost.UseStaticWebAssets();

        services.AddSingleton(TimeProvider.System);
        services.Configure<EmailOptions>(config.GetSection(EmailOptions.Section));
        services.Configure<AppOptions>(config.GetSection(AppOptions.Section));
        services.AddSingleton(sp => new SiteAddress(sp.GetRequiredService<IOptions<AppOptions>>().Value.BaseUrl));
        services.Configure<DemoOptions>(config.GetSection(DemoOptions.Section));
        services.Configure<Features.Premium.PremiumOptions>(config.GetSection(Features.Premium.PremiumOptions.Section));
        services.Configure<Features.Legal.LegalOptions>(config.GetSection(Features.Legal.LegalOptions.Section));

        var connectionString = config.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default is not set (see README, Configuration).");
        // Tuned once here: the options callback runs for every DbContext, i.e. every request.
        var database = DatabaseConnection.Tune(connectionString);
        services.AddSingleton<MemberSessions>();
        services.AddSingleton<MemberSessionsEviction>();
        // Pooled: a request takes a context from the pool instead of building one and its services (issue 17's
        // profile showed 5 % of a page's CPU there). Nothing in AppDbContext holds state beyond what the pool resets.
        services.AddDbContextPool<AppDbContext>((sp, o) => o.UseNpgsql(database)
            .AddInterceptors(sp.GetRequiredService<MemberSessionsEviction>()));

        // Domain services
        services.AddScoped<PremiumService>();
        services.AddScoped<MemberAdminService>();
        services.AddScoped<ProfileService>();
        services.AddScoped<ProfileViewService>();
        services.AddScoped<ProfileVisitService>();
        services.AddScoped<ProfileDocumentService>();
        services.AddScoped<ProfilePhotoService>();
        services.AddScoped<IFileStore, DatabaseFileStore>();
        services.AddImageResizing(config);
        services.AddScoped<MailOutbox>();
        services.AddScoped<IMailOutbox>(sp => sp.GetRequiredService<MailOutbox>());
        services.AddScoped<ContactService>();
        services.AddHttpContextAccessor();
        services.AddScoped<NavigationCounts>();
        services.AddScoped<NetworkService>();
        services.AddSingleton<SuggestionCandidates>();
        services.AddScoped<SuggestionService>();
        // Search:RankCap and Search:CountCap: how many text matches one search ranks and counts at most (README).
        var rankCap = config.GetValue("Search:RankCap", NetworkPlatform.Domain.Search.SearchService.DefaultRankCap);
        var countCap = config.GetValue("Search:CountCap", NetworkPlatform.Domain.Search.SearchService.DefaultCountCap);
        services.AddScoped(sp => new NetworkPlatform.Domain.Search.SearchService(
            sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<TimeProvider>()) { RankCap = Math.Max(1, rankCap), CountCap = Math.Max(1, countCap) });
        services.AddScoped<ContactListService>();
        services.AddScoped<ContactExportService>();
        services.AddScoped<ProfileImportService>();
        // Scoped: one SMTP connection per dispatcher batch.
        services.AddScoped<IEmailSender, SmtpEmailSender>();
        // One dispatcher: the hosted service is the singleton that tests and the admin pages resolve, not a second
        // instance polling beside it.
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddScoped<DemoSeeder>();
        services.AddJobs(config);
        services.AddPrivacy();
        services.AddContactImport(config);
        services.AddCompanies(config);

        AddAccounts(services, config, builder.Environment);
        AddWeb(services, config);

        services.AddHealthChecks()
            .AddCheck<MigrationsHealthCheck>("database", tags: ["ready"]);
    }

    private static void AddAccounts(IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();

        // Links in mails (confirm, reset, change address) work for 3 days.
        services.Configure<DataProtectionTokenProviderOptions>(o =>
            o.TokenLifespan = config.GetValue("Accounts:TokenLifespan", TimeSpan.FromDays(3)));

        // Every request compares the cookie's security stamp with the account's, read with the member's claims in one
        // query and kept for a few seconds (MemberSessions, ADR 0012): logging out or a new password ends every other
        // session at once, and the claims (language, premium, roles, 2FA) stay current without re-issuing the cookie.
        services.Configure<MemberSessionOptions>(o =>
            o.CacheDuration = config.GetValue("Accounts:SessionCacheDuration", o.CacheDuration));

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "np.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/error/403";
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = MemberSessions.ValidateAsync;
            // A member who may not see a page gets a real 403 with our error page, not a redirect.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // The login cookie's format remembers what a cookie decrypted to for two minutes (CachedTicketFormat).
        services.AddSingleton(sp => new CachedTicketFormat(CachedTicketFormat.ProtectorFor(
            sp.GetRequiredService<IDataProtectionProvider>(), IdentityConstants.ApplicationScheme)));
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<CachedTicketFormat>((o, format) => o.TicketDataFormat = format);
        services.ConfigureExternalCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));

        services.AddDataProtection()
            .SetApplicationName("NetworkPlatform")
            .PersistKeysToDbContext<AppDbContext>()
            .ProtectKeysWithConfiguredCertificate(config, environment);
    }

    private static void AddWeb(IServiceCollection services, IConfiguration config)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = SupportedCultures.All.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(SupportedCultures.Default);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new UserCultureProvider(),
                new CookieRequestCultureProvider { CookieName = LanguageCookie.Name },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add<DomainExceptionFilter>();
            })
            .AddRazorOptions(o =>
            {
                o.ViewLocationFormats.Clear();
                o.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
                o.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
                o.ViewLocationExpanders.Add(new FeatureViewLocations());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddBenchEndpoints(config);
        services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedModelBindingMessages>();
        services.AddSingleton<Microsoft.AspNetCore.Mvc.DataAnnotations.IValidationAttributeAdapterProvider,
            NetworkPlatform.Web.Features.Shared.LocalizedAttributeAdapterProvider>();

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "np.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            var permits = config.GetValue("RateLimits:AuthPerMinute", 10);
            o.AddPolicy(AuthRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) }));
            // No body here: the status code page (/error/429) answers with a localized page.
            o.OnRejected = (ctx, _) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        var demo = scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo.Seed)
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
    }

    public static void UseNetworkPlatform(this WebApplication app)
    {
        if (app.Configuration.GetValue("App:BehindProxy", false))
            app.UseForwardedHeaders();
        // Outside the exception handler: one line per request with the status the client got (500 for an
        // exception, 499 for a request the client gave up), the error pages' second pass within it. The member
        // comes from authentication further in, which leaves HttpContext.User set.
        app.UseRequestLogging();
        app.UseExceptionHandler("/error/500");
        if (app.Environment.IsProduction())
            app.UseHsts();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseCacheHeaders();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRouting();
        app.UseAuthentication();
        // After authentication: the member's own language setting comes from their claims.
        app.UseRequestLocalization();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        // wwwroot through the build's static asset manifest: a URL fingerprinted by asp-append-version is cached
        // for a year as immutable, every file has an ETag, and the gzip and Brotli copies made at publish are
        // chosen by Accept-Encoding. Short-circuited: no session lookup, localization or rate limit for a
        // stylesheet; the security headers still apply (their middleware runs before routing).
        app.MapStaticAssets().ShortCircuit();
        // WithStaticAssets: asp-append-version in the views links the fingerprinted file names of the manifest.
        app.MapControllers().WithStaticAssets();
    }
}
