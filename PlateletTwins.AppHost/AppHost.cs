using PlateletTwins.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Azure Digital Twins: a real instance when one is configured (and always once deployed), else the emulator.
var adt = builder.AddAdt();

var intakeKey = builder.AddParameter("intake-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);

var ingestion = builder.AddProject<Projects.PlateletTwins_IngestionService>("ingestion")
    .WithReference(adt.ConnectionString)
    .WithEnvironment("Intake__Key", intakeKey)
    .WithHttpHealthCheck("/health");
if (adt.Emulator is { } emulator)
{
    ingestion.WaitFor(emulator);
}

builder.AddProject<Projects.PlateletTwins_SimulatorService>("simulator")
    .WithReference(ingestion)
    .WithEnvironment("Streaming__IntakeKey", intakeKey)
    .WithHttpHealthCheck("/health")
    .WaitFor(ingestion);

builder.Build().Run();
