using System.Net;
using System.Text.Json;
using Kapuas.Testing;

namespace Kapuas.Admin.Tests;

/// <summary>
/// The OpenAPI document as a client generator and a linter read it: every operation named, requiring the key, and
/// declaring the refusals it can answer.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class ApiDocumentTests(AdminFixture fixture)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_requires_the_key_and_declares_401_and_403()
    {
        var response = await fixture.Anonymous().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var folder = Path.Combine(TestPaths.DataDirectory(), "openapi");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "v1.json"), text);
        using var document = JsonDocument.Parse(text);

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)).Select(o => (Path: path.Name, Method: o.Name, Operation: o.Value)))
            .ToList();
        Assert.Equal(19, operations.Count);
        var ids = operations.Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var (path, method, operation) in operations)
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            Assert.True(operation.TryGetProperty("security", out var security), $"{where} has no security requirement");
            Assert.Contains(security.EnumerateArray(), r => r.TryGetProperty("ApiKey", out _));
            var responses = operation.GetProperty("responses");
            foreach (var status in new[] { "401", "403", "503" })
            {
                Assert.True(responses.TryGetProperty(status, out var refusal), $"{where} does not declare {status}");
                Assert.Equal("#/components/schemas/ApiProblem",
                    refusal.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
            }
        }
    }
}
