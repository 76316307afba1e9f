using Microsoft.Extensions.Options;
using PlateletTwins.ServiceDefaults.Configuration;
using PlateletTwins.SimulatorService.Diagnostics;
using PlateletTwins.SimulatorService.Streaming;

namespace PlateletTwins.SimulatorService.Hosting;

/// <summary>Composes the simulator service (the streaming mode, under the AppHost).</summary>
public static class SimulatorHostingExtensions
{
    public static WebApplicationBuilder AddSimulator(this WebApplicationBuilder builder)
    {
        builder.Services.AddCheckedOptions<StreamingOptions, StreamingOptionsValidator>(builder.Configuration, "Streaming");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SimulatorTelemetry>();
        builder.Services.AddHttpClient<IngestionClient>((services, http) =>
            http.BaseAddress = services.GetRequiredService<IOptions<StreamingOptions>>().Value.IngestionUrl);
        builder.Services.AddHostedService<TelemetryStreamer>();
        return builder;
    }
}
