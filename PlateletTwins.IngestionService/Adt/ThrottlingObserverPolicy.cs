using Azure.Core;
using Azure.Core.Pipeline;
using PlateletTwins.Http;

namespace PlateletTwins.IngestionService.Adt;

/// <summary>
/// Sees every attempt's response, retries included, so that a 429 the pipeline retries by itself still slows the
/// writer down (and is counted) rather than going unnoticed.
/// </summary>
internal sealed class ThrottlingObserverPolicy(Action<TimeSpan?> onThrottled, TimeProvider time) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Observe(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Observe(message);
    }

    private void Observe(HttpMessage message)
    {
        if (message.HasResponse && message.Response.Status == 429)
        {
            onThrottled(message.Response.Headers.TryGetValue("Retry-After", out var value) ? RetryAfter.Parse(value, time) : null);
        }
    }
}
