using Npgsql;

namespace Kapuas.Admin.Api;

/// <summary>
/// What the API answers when something below it fails, from the API-key check to the grains: always JSON in the API's
/// error shape, never the site's HTML error page. A database or cluster that cannot be reached is a 503 the client can
/// retry (with the same Idempotency-Key); anything else a 500 with the time to quote to the administrator.
/// </summary>
public static partial class ApiFailures
{
    public static WebApplication UseJsonFailuresForApi(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), api => api.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
            {
                var unavailable = IsUnavailable(e);
                LogFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Kapuas.Api"),
                    context.Request.Method, context.Request.Path, e.GetType().Name, e);
                var error = unavailable
                    ? new ApiError("service.unavailable", "Basis data atau kluster sedang tidak dapat dihubungi; permintaan tidak disimpan. Coba lagi sebentar lagi dengan Idempotency-Key yang sama.")
                    : new ApiError("server.error", $"Kesalahan sistem pada {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC; permintaan tidak selesai. Sampaikan waktu ini kepada administrator.");
                context.Response.Clear();
                context.Response.StatusCode = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsJsonAsync(new ApiProblem([error], []), KapuasApi.Json);
            }
        }));
        return app;
    }

    /// <summary>
    /// Between routing and authentication: an /api request that matched no operation (no endpoint, or routing's own
    /// 405/415 endpoint for a wrong method or content type) is answered here, to anyone, in the API's error shape, rather
    /// than challenged by the site's sign-in like an unknown page.
    /// </summary>
    public static WebApplication UseApiRefusalsBeforeSignIn(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || context.GetEndpoint() is RouteEndpoint)
            {
                await next(context);
                return;
            }

            if (context.GetEndpoint() is { RequestDelegate: { } refusal })
            {
                await refusal(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }

            await WriteBodilessAsync(context);
        });
        return app;
    }

    /// <summary>A refusal that left no body (a malformed request, an unsupported content type) gets one in the API's shape.</summary>
    public static async Task WriteBodilessAsync(HttpContext http)
    {
        if (http.Response.HasStarted || http.Response.ContentLength > 0 || !string.IsNullOrEmpty(http.Response.ContentType))
        {
            return;
        }

        var status = http.Response.StatusCode;
        var error = status switch
        {
            StatusCodes.Status400BadRequest => new ApiError("request.invalid", "Permintaan tidak sah: isi atau parameter tidak dapat dibaca. (The request could not be read.)"),
            StatusCodes.Status404NotFound => new ApiError("not_found", $"Tidak ada operasi API {http.Request.Method} {http.Request.Path}. (No such API operation.)"),
            StatusCodes.Status405MethodNotAllowed => new ApiError("method_not_allowed", $"Metode {http.Request.Method} tidak dilayani di alamat ini. (Method not allowed.)"),
            StatusCodes.Status413PayloadTooLarge => new ApiError("request.too_large", "Isi permintaan terlalu besar. (Request too large.)"),
            StatusCodes.Status415UnsupportedMediaType => new ApiError("request.media_type", "Kirim isi sebagai application/json. (Send the body as application/json.)"),
            _ => new ApiError($"http.{status}", $"Permintaan tidak dapat dilayani (kode {status})."),
        };
        await http.Response.WriteAsJsonAsync(new ApiProblem([error], []), KapuasApi.Json);
    }

    private static bool IsUnavailable(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException or TimeoutException or OrleansException or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "API {Method} {Path} failed: {Kind}")]
    private static partial void LogFailed(ILogger logger, string method, string path, string kind, Exception exception);
}
