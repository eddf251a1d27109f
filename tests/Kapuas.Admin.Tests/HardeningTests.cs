using System.Net;
using System.Text;

namespace Kapuas.Admin.Tests;

/// <summary>What a security review tries first from outside: error shapes that leak nothing, and TLS behind the proxy.</summary>
[Collection(AdminCollection.Name)]
public sealed class HardeningTests(AdminFixture fixture)
{
    [Theory]
    [InlineData("POST", "/api/workers/search", "application/json", "{ not json", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/workers/search", "text/plain", "Siti", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("DELETE", "/api/workers/search", null, null, HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/no-such-operation", null, null, HttpStatusCode.NotFound)]
    public async Task Every_api_refusal_has_the_documented_error_shape(string method, string path, string? contentType, string? body, HttpStatusCode expected)
    {
        // A plain client: these statuses are refusals of requests outside the document, which the contract check would reject.
        var api = fixture.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await fixture.ApiAsync("budi")).DefaultRequestHeaders.TryGetValues(Kapuas.Infrastructure.Identity.ApiKeyStore.Header, out var key);
        api.DefaultRequestHeaders.Add(Kapuas.Infrastructure.Identity.ApiKeyStore.Header, key!.Single());
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        }

        var response = await api.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Null(await RoleMatrixTests.ApiErrorShapeFailureAsync(response));
        Assert.Empty(RoleMatrixTests.SecurityHeaderFailures(response));
    }

    [Fact]
    public async Task An_unknown_api_address_without_a_key_answers_404_in_the_api_shape_not_a_sign_in_redirect()
    {
        var response = await fixture.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync("/api/no-such-operation");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await RoleMatrixTests.ApiErrorShapeFailureAsync(response));
    }
}
