using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.IngestionService.Scheduling;

namespace PlateletTwins.IngestionService.Cli;

/// <summary>
/// <c>provision --endpoint https://… [--layout lab.json] [--token …]</c>: uploads the models of <c>dtdl/</c> to any ADT
/// endpoint and, with a layout, creates the lab's twins and relationships; idempotent. The token comes from the
/// service's own credential (<see cref="AdtCredential"/>: <c>az login</c>, or the managed identity endpoint that
/// <c>IDENTITY_ENDPOINT</c> names, MockAdt's included); <c>--token</c> takes one as it is.
/// </summary>
public static class ProvisionCommand
{
    public const string Name = "provision";

    private static readonly JsonSerializerOptions LayoutJson = new(JsonSerializerDefaults.Web);

    public const string Usage = "usage: provision --endpoint https://<instance>.api.<region>.digitaltwins.azure.net [--layout lab.json] [--token <bearer token>]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            flags[args[i].TrimStart('-')] = args[i + 1];
        }
        if (args.Length % 2 != 0 || !flags.TryGetValue("endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var endpointUri))
        {
            error.WriteLine(Usage);
            return 2;
        }
        LabLayout? layout = null;
        if (flags.TryGetValue("layout", out var layoutPath))
        {
            layout = JsonSerializer.Deserialize<LabLayout>(await File.ReadAllTextAsync(layoutPath, cancellationToken), LayoutJson);
        }
        var token = flags.GetValueOrDefault("token");
        var client = new DigitalTwinsClient(endpointUri, token is null ? AdtCredential.Create() : new StaticTokenCredential(token));
        var limiter = new AdaptiveRateLimiter(Options.Create(new WriteOptions()), TimeProvider.System);
        var provisioner = new LabProvisioner(client, ModelCatalog.FromOutputFolder(), limiter, NullLogger<LabProvisioner>.Instance);
        try
        {
            if (layout is null)
            {
                await provisioner.EnsureModelsAsync(cancellationToken);
                output.WriteLine($"Models of dtdl/ are in {endpointUri}.");
            }
            else
            {
                await provisioner.ProvisionAsync(layout, cancellationToken);
                output.WriteLine($"Models of dtdl/ and the {layout.Devices.Count} devices of {layout.Id}, with their relationships, are in {endpointUri}.");
            }
            return 0;
        }
        catch (Azure.RequestFailedException failure)
        {
            error.WriteLine($"ADT refused: {failure.Status} {failure.ErrorCode}: {failure.Message}");
            if (failure.Status == 403)
            {
                error.WriteLine("The identity needs the Azure Digital Twins Data Owner role on the instance (subscription Owner gives no data access).");
            }
            return 1;
        }
    }
}
