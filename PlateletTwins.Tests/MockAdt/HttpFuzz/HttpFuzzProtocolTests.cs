using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using Xunit.Abstractions;
using static PlateletTwins.Tests.MockAdt.HttpFuzz.HttpFuzzHost;

namespace PlateletTwins.Tests.MockAdt.HttpFuzz;

/// <summary>
/// The request around the body: odd ids in every path, odd headers (conditions, api-version, Content-Type, tokens,
/// paging, telemetry, trace context), HTTP framing from a raw socket, and MockAdt's own <c>/mockadt/</c> endpoints.
/// </summary>
public sealed class HttpFuzzProtocolTests(HttpFuzzHost adt, ITestOutputHelper output) : IClassFixture<HttpFuzzHost>
{
    // Path segments as sent (already percent-encoded where a raw character could not be).
    private static readonly string[] OddIds =
    [
        "", "%20", "a%2Fb", "a%2fb", "%2F", ".", "..", "%2E%2E", "a%00b", "a%0Ab", "a%0D%0Ab", "%7F", "a%25b", "%zz", "%", "%ED%A0%80", "%FF",
        "%C3", "%C3%A9", "%E2%80%AE", "%EF%BB%BF", "%F0%9F%98%80", "a%20b", "a%3Fb", "%23", "a;b", "a:b", "a@b", "a+b", "$metadata", "a~1b",
        // Model ids too, but not the fixture's own models: deleting those would pull the ground from under the other tests.
        "dtmi:fuzz:Nothing;1", "dtmi%3Afuzz%3ANothing%3B1", "dtmi:fuzz:Room", "dtmi:dtdl:x;1", new string('x', 300), new string('x', 5000), "-", "_", "0",
    ];

    [Fact]
    public async Task Odd_ids_in_every_path_never_fail_and_what_is_created_is_readable_at_its_own_path()
    {
        var client = adt.Client(output);
        var source = await HttpFuzzHost.CreateRoomAsync(client);
        var target = await HttpFuzzHost.CreateRoomAsync(client);
        var room = FuzzModels.RoomTwin().ToJsonString();
        foreach (var id in OddIds)
        {
            await client.GetAsync($"/digitaltwins/{id}?{Api}");
            var put = await client.SendJsonAsync(HttpMethod.Put, $"/digitaltwins/{id}?{Api}", room, $"put twin '{id}'");
            if (put.Status == 200)
            {
                var dtId = JsonNode.Parse(put.Body)!["$dtId"]!.GetValue<string>();
                var get = await client.GetAsync($"/digitaltwins/{id}?{Api}");
                if (get.Status != 200 || JsonNode.Parse(get.Body)!["$dtId"]!.GetValue<string>() != dtId)
                {
                    client.Fail($"twin created at '{id}' (as '{dtId}') is not readable there: {get.Status}");
                }
                await client.SendJsonAsync(HttpMethod.Patch, $"/digitaltwins/{id}?{Api}", FuzzModels.TwinPatches[0]);
                var delete = await client.SendAsync(HttpMethod.Delete, $"/digitaltwins/{id}?{Api}");
                if (delete.Status != 204)
                {
                    client.Fail($"twin created at '{id}' could not be deleted: {delete.Status} {delete.Text}");
                }
            }
            else
            {
                await client.SendJsonAsync(HttpMethod.Patch, $"/digitaltwins/{id}?{Api}", FuzzModels.TwinPatches[0]);
                await client.SendAsync(HttpMethod.Delete, $"/digitaltwins/{id}?{Api}");
            }
            await client.GetAsync($"/digitaltwins/{source}/components/{id}?{Api}");
            await client.SendJsonAsync(HttpMethod.Patch, $"/digitaltwins/{source}/components/{id}?{Api}", FuzzModels.ComponentPatches[0]);
            await client.SendJsonAsync(HttpMethod.Post, $"/digitaltwins/{id}/telemetry?{Api}", "{\"reading\":1}", headers: h => h.Add("Message-Id", "m"));
            await client.SendJsonAsync(HttpMethod.Post, $"/digitaltwins/{source}/components/{id}/telemetry?{Api}", "{\"reading\":1}", headers: h => h.Add("Message-Id", "m"));

            var relationship = await client.SendJsonAsync(HttpMethod.Put, $"/digitaltwins/{source}/relationships/{id}?{Api}", FuzzModels.Relationship(target).ToJsonString(), $"put relationship '{id}'");
            await client.GetAsync($"/digitaltwins/{source}/relationships/{id}?{Api}");
            await client.SendJsonAsync(HttpMethod.Patch, $"/digitaltwins/{source}/relationships/{id}?{Api}", FuzzModels.RelationshipPatches[0]);
            var removed = await client.SendAsync(HttpMethod.Delete, $"/digitaltwins/{source}/relationships/{id}?{Api}");
            if (relationship.Status == 200 && removed.Status != 204)
            {
                client.Fail($"relationship created at '{id}' could not be deleted at its own path: {removed.Status} {removed.Text}");
            }
            await client.GetAsync($"/digitaltwins/{id}/relationships?{Api}");
            await client.GetAsync($"/digitaltwins/{id}/incomingrelationships?{Api}");
            // An odd target in the body rather than the path.
            var odd = FuzzModels.Relationship(Uri.UnescapeDataString(id));
            await client.SendJsonAsync(HttpMethod.Put, $"/digitaltwins/{source}/relationships/odd-target?{Api}", odd.ToJsonString());

            await client.GetAsync($"/models/{id}?{Api}");
            await client.SendJsonAsync(HttpMethod.Patch, $"/models/{id}?{Api}", """[{"op":"replace","path":"/decommissioned","value":true}]""");
            await client.SendAsync(HttpMethod.Delete, $"/models/{id}?{Api}");
            await client.GetAsync($"/models?dependenciesFor={id}&{Api}");

            var route = await client.SendJsonAsync(HttpMethod.Put, $"/eventroutes/{id}?{Api}", """{"endpointName":"stream","filter":"true"}""");
            await client.GetAsync($"/eventroutes/{id}?{Api}");
            var routeRemoved = await client.SendAsync(HttpMethod.Delete, $"/eventroutes/{id}?{Api}");
            if (route.Status == 204 && routeRemoved.Status != 204)
            {
                client.Fail($"event route created at '{id}' could not be deleted at its own path: {routeRemoved.Status}");
            }
        }
        client.AssertClean(nameof(Odd_ids_in_every_path_never_fail_and_what_is_created_is_readable_at_its_own_path));
    }

    [Fact]
    public async Task Odd_headers_never_fail_and_refused_requests_change_nothing()
    {
        var client = adt.Client(output);
        var id = await HttpFuzzHost.CreateRoomAsync(client);
        var path = $"/digitaltwins/{id}?{Api}";
        var guard = await new StateGuard(client, path).StartAsync();
        var etag = (await client.GetAsync(path)).ETag!;
        string[] ifMatch = ["", " ", "*", "**", "W/", "W/\"\"", "\"x\"", "W/\"x\"", "garbage", "\"a\", \"b\"", "W/\"x\", *", "\"\"\"", "W/\"" + new string('x', 5000) + "\"",
            etag, etag + " ", " " + etag, etag.Replace("W/", "", StringComparison.Ordinal), etag + ", *", "w/" + etag[2..]];
        string[] ifNoneMatch = ["", "*", " * ", "\"x\"", "W/\"x\"", "*, *", etag];
        foreach (var value in ifMatch)
        {
            await guard.SendAsync(() => client.SendJsonAsync(HttpMethod.Patch, path, FuzzModels.TwinPatches[0], headers: h => h.TryAddWithoutValidation("If-Match", value)), $"If-Match '{value}'");
            etag = (await client.GetAsync(path)).ETag!;
        }
        foreach (var value in ifNoneMatch)
        {
            await guard.SendAsync(() => client.SendJsonAsync(HttpMethod.Put, path, FuzzModels.RoomTwin().ToJsonString(), headers: h => h.TryAddWithoutValidation("If-None-Match", value)), $"If-None-Match '{value}'");
        }
        foreach (var value in new[] { "garbage", "\"x\"", "W/\"x\"" })
        {
            await guard.SendAsync(() => client.SendAsync(HttpMethod.Delete, path, headers: h => h.TryAddWithoutValidation("If-Match", value)), $"DELETE If-Match '{value}'");
        }
        foreach (var version in new[] { "", "api-version=", "api-version=2023-10-31%20", "api-version=2023-10-32", "api-version=2021-06-30-preview", "api-version=" + new string('9', 1000),
            "api-version=2023-10-31&api-version=2022-05-31", "api-version=%00", "api-version=%ED%A0%80", "API-VERSION=2023-10-31", "api-version=2020-10-31" })
        {
            await guard.SendAsync(() => client.SendJsonAsync(HttpMethod.Patch, $"/digitaltwins/{id}?{version}", FuzzModels.TwinPatches[0]), $"version '{version}'");
        }
        foreach (var contentType in new[] { "text/plain", "application/xml", "", "application/json; charset=utf-16", "application/json-patch+json; charset=utf-8",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", ";;;", "application/json; charset=\"" })
        {
            await guard.SendAsync(() => client.SendAsync(HttpMethod.Patch, path, Encoding.UTF8.GetBytes(FuzzModels.TwinPatches[0]), contentType), $"Content-Type '{contentType}'");
            await guard.SendAsync(() => client.SendAsync(HttpMethod.Patch, path, "a=1&b=2"u8.ToArray(), contentType), $"form body, Content-Type '{contentType}'");
        }
        await guard.SendAsync(() => client.SendAsync(HttpMethod.Patch, path, null, null), "no body");
        await guard.SendAsync(() => client.SendAsync(HttpMethod.Patch, path, [], "application/json-patch+json"), "empty body");
        await guard.SendAsync(() => client.SendAsync(HttpMethod.Put, path, "   "u8.ToArray()), "blank body");
        foreach (var authorization in new[] { "", "Bearer", "Bearer ", "Basic abc", "bearer " + MockAdtHost.OwnerToken, "Bearer a.b.c", "Bearer " + new string('x', 10_000),
            "Bearer " + MockAdtHost.ReaderToken, "Bearer  " + MockAdtHost.OwnerToken + "  " })
        {
            await guard.SendAsync(() => client.SendJsonAsync(HttpMethod.Patch, path, FuzzModels.TwinPatches[0], headers: h =>
            {
                h.Authorization = null;
                h.TryAddWithoutValidation("Authorization", authorization);
            }), $"Authorization '{authorization[..Math.Min(20, authorization.Length)]}'");
        }
        foreach (var pageSize in new[] { "0", "-1", "abc", "99999999999", "1.5", " 5", "1" })
        {
            await client.SendAsync(HttpMethod.Get, $"/models?{Api}", headers: h => h.TryAddWithoutValidation("max-items-per-page", pageSize));
            await client.SendJsonAsync(HttpMethod.Post, $"/query?{Api}", """{"query":"SELECT * FROM DIGITALTWINS"}""", headers: h => h.TryAddWithoutValidation("max-items-per-page", pageSize));
        }
        foreach (var token in new[] { "x", "", "-1", "99999999999", "%00", "1", "1.5" })
        {
            await client.GetAsync($"/models?continuationToken={token}&{Api}");
            await client.GetAsync($"/digitaltwins/{id}/relationships?continuationToken={token}&{Api}");
        }
        foreach (var traceparent in new[] { "garbage", "00-" + new string('0', 32) + "-" + new string('0', 16) + "-01", "00-abc-def-01", new string('x', 4000),
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" })
        {
            await guard.SendAsync(() => client.SendJsonAsync(HttpMethod.Patch, path, "[5]", headers: h => h.TryAddWithoutValidation("traceparent", traceparent)), $"traceparent '{traceparent[..Math.Min(20, traceparent.Length)]}'");
        }
        foreach (var messageId in new[] { "", " ", new string('m', 5000), "\t", "a,b" })
        {
            await client.SendJsonAsync(HttpMethod.Post, $"/digitaltwins/{id}/telemetry?{Api}", "{\"reading\":1}", headers: h => h.TryAddWithoutValidation("Message-Id", messageId));
        }
        client.AssertClean(nameof(Odd_headers_never_fail_and_refused_requests_change_nothing));
    }

    [Fact]
    public async Task Raw_http_framing_never_gets_a_500()
    {
        var client = adt.Client(output);
        var id = await HttpFuzzHost.CreateRoomAsync(client);
        var guard = await new StateGuard(client, $"/digitaltwins/{id}?{Api}").StartAsync();
        var target = $"/digitaltwins/{id}?{Api}";
        var auth = $"Authorization: Bearer {MockAdtHost.OwnerToken}\r\n";
        // (request, whether the service (not Kestrel's own parser) answers it, so that it owes ADT's envelope)
        (string Request, bool Service)[] requests =
        [
            ($"PATCH {target} HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: application/json-patch+json\r\nContent-Length: 99999999999\r\n\r\n[", true),
            ($"PATCH {target} HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: application/json-patch+json\r\nContent-Length: 33000\r\n\r\n[", true),
            // A body shorter than its Content-Length, the client done sending: the server may answer or just close.
            ($"PATCH {target} HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: application/json-patch+json\r\nContent-Length: 100\r\n\r\n[", true),
            ($"PATCH {target} HTTP/1.1\r\nHost: x\r\n{auth}Transfer-Encoding: chunked\r\n\r\nzz\r\n[]\r\n0\r\n\r\n", true),
            ($"PATCH {target} HTTP/1.1\r\nHost: x\r\n{auth}Transfer-Encoding: chunked\r\n\r\n2\r\n[]\r\n0\r\n\r\n", true),
            ($"POST /models?{Api} HTTP/1.1\r\nHost: x\r\n{auth}Content-Length: -1\r\n\r\n", false),
            ($"PATCH {target} HTTP/1.1\r\nHost: x\r\n{auth}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n[]\r\n0\r\n\r\n", false),
            ($"PATCH {target} HTTP/1.1\r\nHost: x\r\n{auth}If-Match: W/\"\u00e9\"\r\nContent-Length: 2\r\n\r\n[]", false),
            ($"GET /digitaltwins/\u00e9?{Api} HTTP/1.1\r\nHost: x\r\n{auth}\r\n", false),
            ($"GET /digitaltwins/a b?{Api} HTTP/1.1\r\nHost: x\r\n{auth}\r\n", false),
            ($"FOO {target} HTTP/1.1\r\nHost: x\r\n{auth}\r\n", true),
            ($"PATCH {target} HTTP/1.0\r\n{auth}Content-Length: 2\r\n\r\n[]", true),
        ];
        foreach (var (request, service) in requests)
        {
            await guard.SendAsync(async () =>
            {
                var (status, body) = await RawAsync(adt.Host.Address, Encoding.Latin1.GetBytes(request), halfClose: request.Contains("Content-Length: 100\r\n", StringComparison.Ordinal));
                client.Record(status, body, request.Split("\r\n")[0], envelopeOwed: service);

                return new FuzzAnswer(status, body, null);
            }, request.Split("\r\n")[0]);
        }
        client.AssertClean(nameof(Raw_http_framing_never_gets_a_500));
    }

    [Fact]
    public async Task MockAdts_own_endpoints_answer_bad_parameters_with_the_envelope()
    {
        var client = adt.Client(output);
        var mutator = new JsonMutator(new Random(1311));
        foreach (var query in new[] { "max=abc", "max=0", "max=-5", "max=99999999999", "max=1&max=2", "twinId=%00", "twinId=" + new string('x', 3000), "max=1e3", "max=10000", "" })
        {
            await client.GetAsync($"/mockadt/telemetry?{query}");
        }
        foreach (var query in new[] { "", "twinId=", "twinId=x&from=garbage", "twinId=x&to=2024-13-01", "twinId=x&max=0", "twinId=x&max=abc", "twinId=x&key=%ED%A0%80",
            "twinId=x&from=2024-01-01T00:00:00Z&to=2023-01-01T00:00:00Z", "twinId=x&twinId=y", "twinId=x&max=10001", "twinId=x" })
        {
            await client.GetAsync($"/mockadt/history/properties?{query}");
        }
        foreach (var csv in new[] { "properties.csv", "twins.csv", "relationships.csv", "nothing.csv" })
        {
            await client.GetAsync($"/mockadt/history/{csv}");
        }
        string[] tokens = ["", "{}", "[]", "5", "null", "{\"role\":5}", "{\"role\":\"5\"}", "{\"role\":\"1\"}", "{\"role\":\"datareader\"}", "{\"role\":\"Nobody\"}",
            "{\"lifetimeMinutes\":1e400}", "{\"lifetimeMinutes\":-1}", "{\"lifetimeMinutes\":0}", "{\"lifetimeMinutes\":525601}", "{\"lifetimeMinutes\":\"5\"}",
            "{\"lifetimeMinutes\":2147483648}", "{\"role\":\"DataReader\",\"role\":\"DataOwner\"}", "{not json", "{\"role\":\"\\ud800\"}"];
        foreach (var body in tokens)
        {
            var answer = await client.SendJsonAsync(HttpMethod.Post, "/mockadt/token", body, $"token {body}");
            if (body.Contains("\"5\"", StringComparison.Ordinal) && answer.Status != 400)
            {
                client.Fail($"a token for role \"5\" (no such role) was issued: {answer.Status}");
            }
        }
        for (var i = 0; i < 40; i++)
        {
            await client.SendAsync(HttpMethod.Post, "/mockadt/token", mutator.Mutate(new JsonObject { ["role"] = "DataReader", ["lifetimeMinutes"] = 5 }));
        }
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, "/mockadt/endpoints/nothing/events"), (HttpMethod.Get, "/mockadt/endpoints/%00/events"), (HttpMethod.Get, "/mockadt/explorer/nothing.js"),
            (HttpMethod.Get, "/mockadt/explorer/..%2F..%2Fappsettings.json"), (HttpMethod.Get, "/mockadt/explorer/%00"), (HttpMethod.Get, "/mockadt/explorer/index.exe"),
            (HttpMethod.Get, "/mockadt/nothing"), (HttpMethod.Put, "/mockadt/telemetry"), (HttpMethod.Delete, "/"), (HttpMethod.Post, "/mockadt/explorer/"),
            (HttpMethod.Get, "/mockadt/token"), (HttpMethod.Get, $"/nothing?{Api}"), (HttpMethod.Put, $"/models?{Api}"), (HttpMethod.Get, "/digitaltwins/x"),
        })
        {
            await client.SendAsync(method, path);
        }
        client.AssertClean(nameof(MockAdts_own_endpoints_answer_bad_parameters_with_the_envelope));
    }

    // Sends raw bytes and reads the status line and body of the answer (or 0 when the server closed without one).
    private static async Task<(int Status, byte[] Body)> RawAsync(Uri address, byte[] request, bool halfClose)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request);
        if (halfClose)
        {
            // A body shorter than its Content-Length: the client stops sending.
            tcp.Client.Shutdown(SocketShutdown.Send);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }
                received.Write(buffer, 0, read);
                if (Complete(received.ToArray()))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // No (complete) answer: reported by the caller as status 0.
        }
        var text = Encoding.Latin1.GetString(received.ToArray());
        if (!text.StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return (0, []);
        }
        var status = int.Parse(text.AsSpan(9, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var body = split < 0 ? "" : text[(split + 4)..];
        if (text.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }
        return (status, Encoding.Latin1.GetBytes(body));
    }

    private static bool Complete(byte[] received)
    {
        var text = Encoding.Latin1.GetString(received);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }
        var headers = text[..split];
        if (headers.StartsWith("HTTP/1.1 204", StringComparison.Ordinal) || headers.StartsWith("HTTP/1.1 304", StringComparison.Ordinal))
        {
            return true;
        }
        var length = headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (length is not null)
        {
            return text.Length - split - 4 >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return headers.Contains("chunked", StringComparison.OrdinalIgnoreCase) && text.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var at = 0;
        while (at < body.Length)
        {
            var line = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (line < 0 || !int.TryParse(body.AsSpan(at, line - at), System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0)
            {
                break;
            }
            result.Append(body, line + 2, Math.Min(size, body.Length - line - 2));
            at = line + 2 + size + 2;
        }
        return result.ToString();
    }
}
