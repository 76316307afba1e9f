using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>
/// An OTLP/HTTP endpoint in the test process: the services export their traces to it, as they would to the Aspire
/// dashboard, and tests look at what really left each process.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private WebApplication _app = null!;

    public string Endpoint { get; private set; } = "";

    public IReadOnlyCollection<OtlpSpan> Spans => _spans;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        (receiver._app, var address) = await LoopbackApp.StartAsync(new Dictionary<string, string?>(), _ => { }, app =>
        {
            app.MapPost("/v1/traces", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                foreach (var span in OtlpTraceDecoder.Decode(body.ToArray()))
                {
                    receiver._spans.Enqueue(span);
                }
                return Results.Bytes([], "application/x-protobuf");
            });
            app.MapPost("/v1/metrics", () => Results.Bytes([], "application/x-protobuf"));
            app.MapPost("/v1/logs", () => Results.Bytes([], "application/x-protobuf"));
        });
        // The exporter appends /v1/traces to the endpoint: no trailing slash.
        receiver.Endpoint = address.ToString().TrimEnd('/');
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
