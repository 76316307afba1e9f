using Microsoft.Extensions.Options;
using PlateletTwins.ServiceDefaults.Configuration;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Streaming;

namespace PlateletTwins.SimulatorService.Hosting;

/// <summary>Composes the simulator service (the streaming mode, under the AppHost).</summary>
internal static class SimulatorHostingExtensions
{
    public static WebApplicationBuilder AddSimulator(this WebApplicationBuilder builder)
    {
        builder.Services.AddCheckedOptions<StreamingOptions, StreamingOptionsValidator>(builder.Configuration, "Streaming");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SimulatorTelemetry>();
        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001) in Microsoft.Extensions.Http.Resilience 10.x.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<IngestionClient>((services, http) =>
            {
                http.BaseAddress = services.GetRequiredService<IOptions<StreamingOptions>>().Value.IngestionUrl;
                // The client bounds each attempt itself (Streaming:RequestTimeout); HttpClient's 100 s would be a second bound.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // One attempt per request: the streamer retries as the intake's protocol says (RunStreamer.DeliverAsync:
            // Retry-After, an unknown run, a superseded one), so the standard handler would only retry beneath it.
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddHostedService<TelemetryStreamer>();
        return builder;
    }
}
