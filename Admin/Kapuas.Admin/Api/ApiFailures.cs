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
    /// An address under /api that names no operation (or not with this method) answers 404 in the API's error shape,
    /// to anyone, rather than the site's sign-in redirect.
    /// </summary>
    public static IEndpointConventionBuilder MapApiFallback(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapFallback("/api/{**path}", (HttpContext context) => Results.Json(
                new ApiProblem([new ApiError("not_found", $"Tidak ada operasi API {context.Request.Method} {context.Request.Path}. (No such API operation.)")], []),
                KapuasApi.Json, statusCode: StatusCodes.Status404NotFound))
            .AllowAnonymous()
            .ExcludeFromDescription();

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
            StatusCodes.Status404NotFound => new ApiError("not_found", "Data atau operasi tidak ditemukan. (Not found.)"),
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
