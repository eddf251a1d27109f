using System.Globalization;
using Hangfire;
using Kapuas.Admin.Api;
using Kapuas.Admin.Identity;
using Kapuas.Domain.Identity;
using Kapuas.Infrastructure.Database;
using Kapuas.Infrastructure.Import;
using Kapuas.Infrastructure.Renewal;
using Kapuas.Infrastructure.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Orleans.Configuration;
using Orleans.Dashboard;
using Serilog;

namespace Kapuas.Admin.Hosting;

public static class KapuasAdminExtensions
{
    /// <summary>
    /// The admin site: Razor Pages, sign-in with roles, an Orleans client over ADO.NET clustering,
    /// a Hangfire client (jobs run on the silos), Serilog and health.
    /// </summary>
    public static WebApplicationBuilder AddKapuasAdmin(this WebApplicationBuilder builder)
    {
        var connectionString = KapuasDatabase.ConnectionString(builder.Configuration);
        var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        var dataDirectory = KapuasDataFolder.DataDirectory(builder.Configuration, builder.Environment);

        builder.AddKapuasLogging("admin");
        builder.AddKapuasMetrics("admin");
        builder.Services.AddKapuasSiteData(connectionString, new NikFingerprinter(NikKey.Load(builder.Configuration, dataDirectory)));
        builder.Services.AddKapuasCallCulture(); // grains answer in the reader's language

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = KapuasDatabase.ForOrleans(connectionString);
            });
            client.UseConnectionRetryFilter<RetryUntilClusterIsUp>();
            // A silo declared dead leaves the gateway list within 15 s rather than Orleans' default minute: measured
            // with a silo's machine cut off (scripts/netns-cluster.sh), calls routed to it time out until then.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(15));
            client.AddDashboard(o =>
            {
                o.HideTrace = true;
                o.CounterUpdateIntervalMs = 5_000;
            });
        });

        builder.Services.AddHangfire(c => c.UseKapuasStorage(connectionString));

        builder.AddKapuasIdentity(dataDirectory);
        builder.Services.AddKapuasForwardedHeaders(builder.Configuration);

        var razor = builder.Services.AddRazorPages(o =>
        {
            o.Conventions.ConfigureFilter(new RefusedFormFilter());
            o.Conventions.AuthorizeFolder("/", Policies.Reader);
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AllowAnonymousToPage("/Language");
        });
        // No client-side validation script is served: without it the validation summary renders no hidden item with an
        // inline style, which the Content-Security-Policy would refuse. Forms are validated on the server.
        razor.AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
        // Input models' [Display(Name = "Key")] and ErrorMessage = "Key" are keys of the site's shared texts, read in the
        // request's language; a text that is not a key is shown as written.
        razor.AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        if (builder.Environment.IsDevelopment())
        {
            razor.AddRazorRuntimeCompilation();
        }

        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            CultureInfo[] cultures = [new("id-ID"), new("en")];
            o.DefaultRequestCulture = new RequestCulture("id-ID");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // Bahasa Indonesia unless the user chose English (cookie) or asks for it (?culture=en); the browser's
            // language does not switch it.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        // The API's wire: enums by name, numbers as JSON numbers only (the document then declares integers, not strings).
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        builder.Services.AddOpenApi(o => o.AddSchemaTransformer((schema, _, _) =>
        {
            // An enum shared as a component must not list null: where a property may be null, its use says so
            // (oneOf null or the enum); a null inside the enum too would match both and fail oneOf.
            if (schema.Enum is { Count: > 0 } values)
            {
                schema.Enum = [.. values.Where(v => v is not null && v.GetValueKind() != System.Text.Json.JsonValueKind.Null)];
            }

            return Task.CompletedTask;
        }).AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new Microsoft.OpenApi.OpenApiInfo
            {
                Title = "Kapuas.Actors API",
                Version = "v1",
                Description = "Peserta, perlindungan, klaim, PKS dan perpanjangan. Setiap permintaan membawa kunci API pengguna di header X-Api-Key; " +
                    "peran pengguna itu menentukan yang boleh. NIK hanya dikirim di isi permintaan, tidak pernah di alamat.",
            };
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["ApiKey"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.ApiKey,
                In = Microsoft.OpenApi.ParameterLocation.Header,
                Name = ApiKeyStore.Header,
                Description = "Kunci API yang diterbitkan administrator (halaman Pengguna).",
            };
            // Every operation requires the key, so that a generated client knows to send it.
            var key = new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("ApiKey", document)] = [] };
            foreach (var operation in document.Paths.Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
                         .SelectMany(p => p.Value.Operations ?? []))
            {
                operation.Value.Security = [key];
            }

            return Task.CompletedTask;
        }));

        builder.Services.AddHealthChecks()
            .AddCheck("database", new DatabaseHealthCheck(connectionString))
            .AddCheck<ClusterHealthCheck>("orleans")
            .AddCheck<HangfireHealthCheck>("hangfire");
        builder.Services.AddSingleton<KapuasGauges>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Renewal.RenewalService>();
        builder.Services.AddSingleton<Budget.BudgetPlanService>();
        return builder;
    }

    public static WebApplication UseKapuasAdmin(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        _ = app.Services.GetRequiredService<KapuasGauges>(); // its gauges exist from the start
        app.UseKapuasMetrics();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        app.UseSerilogRequestLogging();
        app.UseJsonFailuresForApi();
        app.UseStatusCodePages(async context =>
        {
            // Bodiless refusals (a form without its antiforgery token, an unknown address) get a sentence a user can act on.
            var http = context.HttpContext;
            if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await ApiFailures.WriteBodilessAsync(http);
                return;
            }

            // This runs outside the localization middleware, which chose the request's language and left it in a feature.
            if (http.Features.Get<IRequestCultureFeature>() is { } chosen)
            {
                CultureInfo.CurrentCulture = chosen.RequestCulture.Culture;
                CultureInfo.CurrentUICulture = chosen.RequestCulture.UICulture;
            }

            var texts = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(http.Response.StatusCode switch
            {
                StatusCodes.Status400BadRequest => texts["StatusBadRequest"],
                StatusCodes.Status404NotFound => texts["StatusNotFound"],
                StatusCodes.Status413PayloadTooLarge => texts["StatusTooLarge"],
                _ => texts["StatusOther", http.Response.StatusCode],
            });
        });
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseApiRefusalsBeforeSignIn();
        app.UseAuthentication();
        app.UseMiddleware<MustChangePassword>();
        app.UseAuthorization();

        app.MapKapuasHealth();
        app.MapRazorPages();
        app.MapKapuasApi();
        app.MapOpenApi().AllowAnonymous();
        app.MapOrleansDashboard(SecurityHeaders.DashboardPath).RequireAuthorization(Policies.Administrator).ExcludeFromDescription();
        app.MapHangfireDashboard(SecurityHeaders.JobsPath, new Hangfire.DashboardOptions
        {
            // Access is decided by the endpoint policy below (administrators only), not by Hangfire's local-only default.
            Authorization = [],
            DashboardTitle = "Kapuas.Actors — pekerjaan latar (jobs)",
            DisplayStorageConnectionString = false,
            AppPath = "/",
        }).RequireAuthorization(Policies.Administrator);
        return app;
    }

    private static void AddKapuasIdentity(this WebApplicationBuilder builder, string dataDirectory)
    {
        var services = builder.Services;
        services.AddScoped<IUserStore<KapuasUser>>(sp => sp.GetRequiredService<PostgresUserStore>());
        services.AddIdentityCore<KapuasUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddSignInManager()
            .AddClaimsPrincipalFactory<KapuasClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        services.AddAuthentication().AddIdentityCookies();

        // A locked account, a reset password or changed roles reach signed-in sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "kapuas.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.CaseHandling, p => p.RequireRole(Roles.Administrator, Roles.Caseworker))
            .AddPolicy(Policies.Reader, p => p.RequireRole(Roles.Administrator, Roles.Caseworker, Roles.Liaison))
            .AddPolicy(Policies.ApiAdministrator, p => p.AddAuthenticationSchemes(ApiKeyHandler.SchemeName).RequireRole(Roles.Administrator))
            .AddPolicy(Policies.ApiCaseHandling, p => p.AddAuthenticationSchemes(ApiKeyHandler.SchemeName).RequireRole(Roles.Administrator, Roles.Caseworker))
            .AddPolicy(Policies.ApiReader, p => p.AddAuthenticationSchemes(ApiKeyHandler.SchemeName).RequireRole(Roles.Administrator, Roles.Caseworker, Roles.Liaison));

        // Keys shared by every Admin instance on this machine, so that a restart does not sign everyone out.
        services.AddKapuasDataProtection(dataDirectory);

        services.AddHostedService<FirstAdministrator>();
    }
}
