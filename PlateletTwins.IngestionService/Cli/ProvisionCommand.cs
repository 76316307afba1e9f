using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlateletTwins.IngestionService.Adt;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.IngestionService.Scheduling;
using PlateletTwins.ServiceDefaults.CommandLine;

namespace PlateletTwins.IngestionService.Cli;

/// <summary>
/// <c>provision --endpoint https://… [--layout lab.json] [--token …]</c>: uploads the models of <c>dtdl/</c> to any ADT
/// endpoint and, with a layout, creates the lab's twins and relationships; idempotent. The token comes from the
/// service's own credential (<see cref="AdtCredential"/>: <c>az login</c>, or the managed identity endpoint that
/// <c>IDENTITY_ENDPOINT</c> names, MockAdt's included); <c>--token</c> takes one as it is.
/// </summary>
internal static class ProvisionCommand
{
    public const string Name = "provision";

    private static readonly JsonSerializerOptions LayoutJson = new(JsonSerializerDefaults.Web);

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var endpoint = OptionRules.Url("--endpoint", "The ADT instance: https://<instance>.api.<region>.digitaltwins.azure.net, or MockAdt's address.", required: true);
        var layoutFile = OptionRules.InputFile("--layout", "A lab's devices and feeds (simulate --write-layout writes one): its twins and relationships are created too. Without it, only the models.", "layout.json");
        var token = OptionRules.Text("--token", "A bearer token taken as it is (one MockAdt issued, or az account get-access-token's); without it, the service's own credential.", "bearer token");
        var command = ServiceCommand.Create(Name, "Uploads the models of dtdl/ to an ADT endpoint and, with a layout, creates the lab's twins and relationships; idempotent.");
        command.Options.Add(endpoint);
        command.Options.Add(layoutFile);
        command.Options.Add(token);
        command.SetAction((parsed, cancellation) =>
            ProvisionAsync(parsed.GetRequiredValue(endpoint), parsed.GetValue(layoutFile), parsed.GetValue(token), output, error, cancellation));
        return ServiceCommand.RunAsync(command, args, output, error, cancellationToken);
    }

    private static async Task<int> ProvisionAsync(Uri endpointUri, string? layoutPath, string? token, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        LabLayout? layout = null;
        if (layoutPath is not null)
        {
            try
            {
                layout = JsonSerializer.Deserialize<LabLayout>(await File.ReadAllTextAsync(layoutPath, cancellationToken), LayoutJson)
                    ?? throw new JsonException("the file holds null, not a layout");
            }
            catch (JsonException problem)
            {
                error.WriteLine($"{Name}: --layout '{layoutPath}': not a layout: {problem.Message}");
                return ServiceCommand.UsageError;
            }
        }
        var limiter = new AdaptiveRateLimiter(Options.Create(new WriteOptions()), TimeProvider.System);
        // The service's pipeline: its retries, and its limiter slowed by every 429.
        var client = AdtClientRegistration.Create(new AdtConnection(endpointUri), token is null ? AdtCredential.Create() : new StaticTokenCredential(token),
            limiter.OnThrottled, TimeProvider.System);
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
