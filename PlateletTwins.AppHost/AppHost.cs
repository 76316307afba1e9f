using PlateletTwins.AppHost;
using PlateletTwins.AppHost.Azure;

var builder = DistributedApplication.CreateBuilder(args);

// Azure Digital Twins: a real instance when one is configured (and always once deployed), else the emulator.
var adt = builder.AddAdt();

var intakeKey = builder.AddParameter("intake-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);

// Every update kept (none coalesced, the run paced to ADT's budget per twin), for a full data history; off by default.
// A parameter added with a value ignores Parameters:streaming-lossless; one with a callback reads it.
var lossless = builder.AddParameter("streaming-lossless", () => builder.Configuration["Parameters:streaming-lossless"] ?? "false");

var ingestion = builder.AddProject<Projects.PlateletTwins_IngestionService>("ingestion")
    .WithReference(adt.ConnectionString)
    .WithAdtIdentity(adt)
    .WithEnvironment("Intake__Key", intakeKey)
    .WithUrlForEndpoint("http", url =>
    {
        url.Url = "/live/";
        url.DisplayText = "Live lab view";
    })
    .WithHttpHealthCheck("/health");
if (builder.ExecutionContext.IsRunMode)
{
    // What the intake accepted survives a crash and a restart of the AppHost: a per-user folder outside the repository
    // (the configuration key DataDirectory moves it; delete its ingestion/ folder to start afresh).
    ingestion.WithEnvironment("Storage__DataDirectory", Path.Combine(builder.DataDirectory(), "ingestion"));
}
if (adt.Emulator is { } emulator)
{
    ingestion.WaitFor(emulator);
}
if (adt.Instance is { } instance)
{
    // Deployed, the ingestion app alone carries the identity that holds ADT's data role.
    ingestion.PublishWithContainerAppTemplate("../infra/ingestion.bicep", new Dictionary<string, IManifestExpressionProvider>
    {
        ["adt_endpoint"] = instance.Resource.Endpoint,
        ["adt_ingestionidentityid"] = instance.Resource.IngestionIdentityId,
        ["adt_ingestionidentityclientid"] = instance.Resource.IngestionIdentityClientId,
        ["intake_key_value"] = intakeKey.Resource,
    });
}

var simulator = builder.AddProject<Projects.PlateletTwins_SimulatorService>("simulator")
    .WithReference(ingestion)
    .WithEnvironment("Streaming__IntakeKey", intakeKey)
    .WithEnvironment("Streaming__Lossless", lossless)
    .WithHttpHealthCheck("/health")
    .WaitFor(ingestion);
if (builder.ExecutionContext.IsRunMode)
{
    // The labs the simulator streams, all at once: lab files (docs/lab-file.md) separated by ';', each relative to this
    // folder; empty: the reference lab alone. Files of this machine: deployed, the simulator streams the reference lab.
    // A value read from configuration, empty when none is given (a parameter given a value takes no other).
    simulator.WithLabFiles(builder.AddParameter("lab-files", () => builder.Configuration["Parameters:lab-files"] ?? ""));
}

builder.Build().Run();
