namespace PlateletTwins.AppHost;

/// <summary>
/// Azurite, the Azure Storage emulator, as a Node.js process (no container: this project runs without Docker), for the
/// blobs of MockAdt's import jobs. Its blob service only, on a port Aspire allocates, keeping its data in the azurite/
/// folder of the AppHost's data directory. The npm package comes from Azurite/package-lock.json, installed by the build.
/// </summary>
internal static class AzuriteResourceExtensions
{
    /// <summary>Azurite's well-known development account (Microsoft's documented emulator key, not a secret).</summary>
    public const string DevelopmentAccount = "devstoreaccount1";

    public const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public sealed record Azurite(IResourceBuilder<ExecutableResource> Resource, ReferenceExpression ConnectionString);

    public static Azurite AddAzurite(this IDistributedApplicationBuilder builder, string name)
    {
        var folder = Path.Combine(builder.AppHostDirectory, "Azurite");
        var data = Path.Combine(builder.DataDirectory(), "azurite");
        var azurite = builder.AddExecutable(name, "node", folder)
            .WithHttpEndpoint(name: "blob")
            .WithArgs(context =>
            {
                var blob = ((IResourceWithEndpoints)context.Resource).GetEndpoint("blob");
                context.Args.Add("node_modules/azurite/dist/src/blob/main.js");
                context.Args.Add("--blobHost");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--blobPort");
                context.Args.Add(blob.Property(EndpointProperty.TargetPort));
                context.Args.Add("--location");
                context.Args.Add(data);
                // The storage SDK may speak a newer service version than this Azurite knows; no telemetry leaves the machine.
                context.Args.Add("--skipApiVersionCheck");
                context.Args.Add("--disableTelemetry");
                context.Args.Add("--silent");
            });
        // Made when Azurite starts, not when the model is built (a test that only builds the model leaves no folder behind).
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(azurite.Resource, (_, _) =>
        {
            Directory.CreateDirectory(data);
            return Task.CompletedTask;
        });
        var endpoint = azurite.GetEndpoint("blob");
        var connection = ReferenceExpression.Create(
            $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccount};AccountKey={DevelopmentKey};BlobEndpoint=http://127.0.0.1:{endpoint.Property(EndpointProperty.Port)}/{DevelopmentAccount};");
        return new Azurite(azurite, connection);
    }
}
