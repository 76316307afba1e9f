using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.MockAdt.MockAdtFixture;

namespace PlateletTwins.Tests.MockAdt;

/// <summary>The gateway and protocol behaviour every operation shares: auth, api-version, envelopes, tracing headers.</summary>
[Collection(MockAdtTestGroup.Name)]
public sealed class ProtocolTests(MockAdtFixture adt)
{
    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token-it-issued")]
    public async Task Without_a_valid_bearer_token_the_gateway_answers_401_with_its_own_body(string? token)
    {
        using var client = adt.Host.CreateClient(token);
        using var response = await client.GetAsync($"/models?{ApiVersion}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("""{"statusCode":401,"message":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_Data_Reader_reads_but_gets_403_with_an_empty_body_on_a_write()
    {
        var id = await adt.CreateCentrifugeAsync();
        using var reader = adt.Host.CreateClient(MockAdtHost.ReaderToken);

        using var read = await reader.GetAsync($"/digitaltwins/{id}?{ApiVersion}");
        using var write = await reader.PatchAsync($"/digitaltwins/{id}?{ApiVersion}", PatchBody("""[{"op":"add","path":"/inUse","value":1}]"""));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Empty(await write.Content.ReadAsByteArrayAsync());
        Assert.False((await adt.GetTwinAsync(id)).ContainsKey("inUse"));
    }

    [Fact]
    public async Task A_request_without_api_version_is_refused_in_the_error_envelope()
    {
        using var response = await adt.Owner.GetAsync("/models");
        await AdtAssert.ErrorAsync(response, 400, "MissingApiVersionParameter");
    }

    [Fact]
    public async Task An_unsupported_api_version_is_refused()
    {
        using var response = await adt.Owner.GetAsync("/models?api-version=2019-01-01");
        await AdtAssert.ErrorAsync(response, 400, "InvalidApiVersionParameter");
    }

    [Fact]
    public async Task Routes_are_case_insensitive_as_the_services_own_Models_nextLink_needs()
    {
        using var response = await adt.Owner.GetAsync($"/Models?{ApiVersion}");
        var page = await AdtAssert.JsonAsync(response);
        Assert.NotEmpty(page["value"]!.AsArray());
    }

    [Fact]
    public async Task A_request_with_traceparent_gets_a_traceresponse_in_the_same_trace()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/models?{ApiVersion}");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        using var response = await adt.Owner.SendAsync(request);

        var traceResponse = response.Headers.GetValues("traceresponse").Single();
        Assert.StartsWith($"00-{traceId}-", traceResponse, StringComparison.Ordinal);
        Assert.DoesNotContain("00f067aa0ba902b7", traceResponse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_an_InvalidArgument()
    {
        var id = await adt.CreateCentrifugeAsync();
        using var response = await adt.Owner.PatchAsync($"/digitaltwins/{id}?{ApiVersion}", PatchBody("[{not json"));
        await AdtAssert.ErrorAsync(response, 400, "InvalidArgument");
    }

    [Fact]
    public async Task A_payload_over_32_KB_is_refused()
    {
        var id = await adt.CreateCentrifugeAsync();
        var huge = new JsonArray([.. Enumerable.Range(0, 2000).Select(i => (JsonNode)new JsonObject { ["op"] = "add", ["path"] = "/location", ["value"] = "room " + i })]);
        using var response = await adt.Owner.PatchAsync($"/digitaltwins/{id}?{ApiVersion}", PatchBody(huge.ToJsonString()));
        await AdtAssert.ErrorAsync(response, 400, "LimitExceeded");
    }

    [Fact]
    public async Task A_body_with_anything_after_its_JSON_is_an_InvalidArgument()
    {
        var id = await adt.CreateCentrifugeAsync();
        using var response = await adt.Owner.PatchAsync($"/digitaltwins/{id}?{ApiVersion}", PatchBody("""[{"op":"add","path":"/location","value":"x"}] trailing"""));
        await AdtAssert.ErrorAsync(response, 400, "InvalidArgument");
    }

    [Fact]
    public async Task A_body_without_a_length_over_32_KB_is_refused_as_it_arrives()
    {
        var id = await adt.CreateCentrifugeAsync();
        var huge = new JsonArray([.. Enumerable.Range(0, 2000).Select(i => (JsonNode)new JsonObject { ["op"] = "add", ["path"] = "/location", ["value"] = "room " + i })]);
        using var response = await adt.Owner.PatchAsync($"/digitaltwins/{id}?{ApiVersion}", new UnsizedPatch(huge.ToJsonString()));
        await AdtAssert.ErrorAsync(response, 400, "LimitExceeded");
    }

    [Fact]
    public async Task A_body_without_a_length_that_arrives_in_pieces_is_read_whole()
    {
        // About 20 KB, written in pieces of 1 KB: the server reads it across several buffers.
        var id = await adt.CreateCentrifugeAsync();
        var patch = new JsonArray([.. Enumerable.Range(0, 300).Select(i => (JsonNode)new JsonObject { ["op"] = "add", ["path"] = "/location", ["value"] = "room " + i })]);
        using var response = await adt.Owner.PatchAsync($"/digitaltwins/{id}?{ApiVersion}", new UnsizedPatch(patch.ToJsonString()));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var twin = await adt.Owner.GetAsync($"/digitaltwins/{id}?{ApiVersion}");
        Assert.Equal("room 299", JsonNode.Parse(await twin.Content.ReadAsStringAsync())!["location"]!.GetValue<string>());
    }

    /// <summary>A JSON Patch sent without Content-Length (chunked), in pieces of 1 KB.</summary>
    private sealed class UnsizedPatch : HttpContent
    {
        private readonly byte[] _body;

        public UnsizedPatch(string json)
        {
            _body = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new MediaTypeHeaderValue("application/json-patch+json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            foreach (var piece in _body.Chunk(1024))
            {
                await stream.WriteAsync(piece);
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
