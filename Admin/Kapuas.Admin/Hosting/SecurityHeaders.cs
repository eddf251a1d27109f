using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Kapuas.Admin.Hosting;

/// <summary>
/// What every response carries for the browser's protection: a Content-Security-Policy that allows only the site's own
/// files (no inline script, no framing by anyone), no content sniffing, no referrer sent to other sites, and, when the
/// request came over HTTPS (directly or through the reverse proxy), HSTS.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The two monitors for administrators, the Orleans Dashboard and Hangfire's, set inline styles from their scripts
    /// (charts, diagrams, progress) and the first embeds its icon font: there styles may be inline and fonts data URLs;
    /// scripts still come only from the site.
    /// </summary>
    public const string MonitorContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string DashboardPath = "/orleans";

    public const string JobsPath = "/hangfire";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Decided on the path as it arrives: the monitors' middleware moves their prefix into PathBase as they run.
        var path = context.Request.Path;
        var policy = path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(JobsPath, StringComparison.OrdinalIgnoreCase)
            ? MonitorContentSecurityPolicy
            : ContentSecurityPolicy;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// Honours X-Forwarded-For and X-Forwarded-Proto from the reverse proxy: on this machine (loopback) by default, or at
    /// the addresses listed in <c>Kapuas:Admin:KnownProxies</c>. Behind TLS the request is then HTTPS, so the sign-in
    /// cookie is sent Secure and HSTS is added.
    /// </summary>
    public static IServiceCollection AddKapuasForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("Kapuas:Admin:KnownProxies").Get<string[]>() ?? [];
        return services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
    }
}
