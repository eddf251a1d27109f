using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kapuas.Admin.Tests;

/// <summary>The application's own route table, as "METHOD /pattern" lines (GET and POST).</summary>
public static class RouteTable
{
    public static IReadOnlyList<string> Of(IServiceProvider services) =>
        [.. services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().SelectMany(e =>
        {
            var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            return methods.Where(m => m is "GET" or "POST").Select(m => $"{m} {pattern}");
        }).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The pages a user can open by address alone: GET, no route parameter, not the API, the two monitors (jobs, Orleans), health or OpenAPI.</summary>
    public static IReadOnlyList<string> Pages(IServiceProvider services) =>
        [.. Of(services)
            .Where(r => r.StartsWith("GET /", StringComparison.Ordinal))
            .Select(r => r[4..])
            .Where(p => !p.Contains('{', StringComparison.Ordinal)
                && !p.StartsWith("/api", StringComparison.Ordinal)
                && !p.StartsWith("/hangfire", StringComparison.Ordinal)
                && !p.StartsWith("/orleans", StringComparison.Ordinal)
                && !p.StartsWith("/openapi", StringComparison.Ordinal)
                && p != "/health")];
}
