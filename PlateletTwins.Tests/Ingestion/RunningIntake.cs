using System.Net.Http.Json;
using PlateletTwins.Tests.Infrastructure;
using static PlateletTwins.Tests.Ingestion.IntakeMessages;

namespace PlateletTwins.Tests.Ingestion;

/// <summary>A MockAdt, an ingestion service writing to it, and a run of the reference lab already started on the intake.</summary>
public sealed class RunningIntake : IAsyncDisposable
{
    private RunningIntake(MockAdtHost adt, IngestionHost ingestion, HttpClient client)
    {
        Adt = adt;
        Ingestion = ingestion;
        Client = client;
    }

    public MockAdtHost Adt { get; }

    public IngestionHost Ingestion { get; }

    /// <summary>A client of the intake with its key.</summary>
    public HttpClient Client { get; }

    public static async Task<RunningIntake> StartAsync(string runId)
    {
        var adt = await MockAdtHost.StartAsync();
        var ingestion = await IngestionHost.StartAsync(adt.Address);
        var client = ingestion.CreateClient();
        (await client.PostAsJsonAsync("/api/runs", Run(runId))).EnsureSuccessStatusCode();
        return new RunningIntake(adt, ingestion, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Ingestion.DisposeAsync();
        await Adt.DisposeAsync();
    }
}
