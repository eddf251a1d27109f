using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Kapuas.Admin.Tests;

/// <summary>
/// The OpenAPI document the Admin serves, as a judge of what the API really sends: every response to an /api request
/// made through <see cref="Handler"/> must carry a status code its operation declares and a body valid against the
/// schema declared for that code. The API clients of the test fixture all go through it, so every API test checks
/// the contract as a side effect.
/// </summary>
public sealed class ApiContract
{
    private readonly JsonObject document;
    private readonly List<(Regex Path, string Template)> templates;
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new();

    public ApiContract(string documentJson)
    {
        document = JsonNode.Parse(documentJson)!.AsObject();
        templates = [.. document["paths"]!.AsObject().Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^/]+?\}", "[^/]+") + "$"), p.Key))];
    }

    /// <summary>The responses checked so far (method, template, status), for a test to see that checks happened.</summary>
    public ConcurrentBag<string> Checked { get; } = [];

    /// <summary>What is wrong with this answer to this request, or null when it is what the document declares.</summary>
    public string? Violation(string method, string path, int status, string? contentType, string body)
    {
        // The most literal template that matches and has this method ("/api/renewals/preview" before "/api/renewals/{id}").
        var (template, operation) = templates.Where(t => t.Path.IsMatch(path))
            .Select(t => (t.Template, Operation: document["paths"]![t.Template]![method.ToLowerInvariant()] as JsonObject))
            .Where(t => t.Operation is not null)
            .OrderBy(t => t.Template.Count(c => c == '{'))
            .FirstOrDefault();
        if (operation is null)
        {
            return path.StartsWith("/api/", StringComparison.Ordinal) && status != 404 && status != 405
                ? $"{method} {path} answered {status} but the document has no such operation"
                : null;
        }

        var where = $"{method} {template} → {status}";
        Checked.Add(where);
        var responses = operation["responses"]!.AsObject();
        if ((responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses["default"]) is not JsonObject declared)
        {
            return $"{where}: status not declared (declared: {string.Join(", ", responses.Select(r => r.Key))})";
        }

        if (declared["content"]?["application/json"]?["schema"] is not JsonNode schema)
        {
            return body.Length == 0 ? null : $"{where}: a body was sent where the document declares none: {Shorten(body)}";
        }

        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            return $"{where}: content type {contentType ?? "(none)"} instead of application/json";
        }

        using var instance = JsonDocument.Parse(body);
        var results = For(schema).Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return null;
        }

        var errors = new[] { results }.Concat(results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10);
        return $"{where}: body does not match its schema ({string.Join("; ", errors)}): {Shorten(body)}";
    }

    /// <summary>A message handler for HttpClients that fails the request when the answer breaks the contract.</summary>
    public DelegatingHandler Handler() => new ContractHandler(this);

    /// <summary>The declared schema with the document's components as its definitions (OpenAPI 3.1 schemas are JSON Schema 2020-12).</summary>
    private JsonSchema For(JsonNode schema)
    {
        var key = schema.ToJsonString();
        return schemas.GetOrAdd(key, _ =>
        {
            var root = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$id"] = $"https://kapuas.test/contract/{Guid.NewGuid():N}",
                ["$defs"] = document["components"]!["schemas"]!.DeepClone(),
                ["allOf"] = new JsonArray(schema.DeepClone()),
            };
            return JsonSchema.FromText(root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal));
        });
    }

    private static string Shorten(string body) => body.Length > 400 ? body[..400] + "…" : body;

    private sealed class ContractHandler(ApiContract contract) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var path = request.RequestUri!.AbsolutePath;
            if (!path.StartsWith("/api/", StringComparison.Ordinal))
            {
                return response;
            }

            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var violation = contract.Violation(request.Method.Method, path, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
            return violation is null ? response : throw new InvalidOperationException($"The API broke its OpenAPI document: {violation}");
        }
    }
}
