using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>Assertions on ADT's error envelope.</summary>
public static class AdtAssert
{
    /// <summary>Asserts status, the envelope's code and the <c>x-ms-error-code</c> header; returns the error object.</summary>
    public static async Task<JsonObject> ErrorAsync(HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var error = JsonNode.Parse(body)?["error"] as JsonObject;
        Assert.NotNull(error);
        Assert.Equal(code, error["code"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["message"]?.GetValue<string>()));
        Assert.Equal(code, response.Headers.GetValues("x-ms-error-code").Single());
        return error;
    }

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response, int status = 200)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
