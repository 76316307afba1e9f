using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PlateletTwins.IngestionService.Diagnostics;
using PlateletTwins.IngestionService.Scheduling;

namespace PlateletTwins.IngestionService.Adt;

/// <summary>
/// The service's one <see cref="DigitalTwinsClient"/>: the <c>adt</c> connection, Azure.Identity's credential, Azure.Core's
/// retries, and a policy that tells the write budgets of every 429 ADT answers.
/// </summary>
internal static class AdtClientRegistration
{
    public static IServiceCollection AddAdtClient(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(AdtConnection.Name)
            ?? throw new InvalidOperationException("The connection string 'adt' is missing: the ADT endpoint (the AppHost gives it).");
        var connection = AdtConnection.Parse(connectionString);
        // One credential for the process; a test composing the service in its own process may register another before.
        services.TryAddSingleton(_ => AdtCredential.Create());
        services.AddSingleton(provider =>
        {
            var limiter = provider.GetRequiredService<AdaptiveRateLimiter>();
            var telemetry = provider.GetRequiredService<IngestionTelemetry>();
            return Create(connection, provider.GetRequiredService<TokenCredential>(), retryAfter =>
            {
                limiter.OnThrottled(retryAfter);
                telemetry.Throttled.Add(1);
            }, provider.GetRequiredService<TimeProvider>());
        });
        return services;
    }

    /// <summary>
    /// The one construction of the client, for the service and the provision command alike; <paramref name="onThrottled"/>
    /// hears every 429, retries included, with its Retry-After.
    /// </summary>
    public static DigitalTwinsClient Create(AdtConnection connection, TokenCredential credential, Action<TimeSpan?> onThrottled, TimeProvider time)
    {
        var options = new DigitalTwinsClientOptions();
        // Retries with exponential backoff and jitter on 408, 429 (after its Retry-After), 5xx and network errors.
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 5;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(15);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        options.AddPolicy(new ThrottlingObserverPolicy(onThrottled, time), HttpPipelinePosition.PerRetry);
        if (connection.Http2PriorKnowledge)
        {
            options.Transport = new HttpClientTransport(new Http2PriorKnowledgeHandler());
        }
        return new DigitalTwinsClient(connection.Endpoint, credential, options);
    }
}
