using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using PlateletTwins.AppHost.Azure;

namespace PlateletTwins.AppHost;

/// <summary>The ADT connection: the emulator in local runs, a real instance when configured or deployed.</summary>
public static class AdtResourceExtensions
{
    public const string ConnectionName = "adt";

    public sealed record AdtResources(
        IResourceBuilder<IResourceWithConnectionString> ConnectionString,
        IResourceBuilder<ProjectResource>? Emulator,
        IResourceBuilder<AzureDigitalTwinsResource>? Instance);

    /// <summary>
    /// In publish mode (azd) the instance is the project's Bicep module, <c>infra/adt.bicep</c>, and MockAdt is not in
    /// the model. With <c>ConnectionStrings:adt</c> set (an ADT instance URL) the connection string is that value.
    /// Otherwise MockAdt runs, with a bearer token the AppHost generates and gives to both sides, and the connection
    /// string points at it.
    /// </summary>
    public static AdtResources AddAdt(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            // "true" adds Event Hubs and Azure Data Explorer for ADT's data history; azd asks, "false" by default.
            var dataHistory = builder.AddParameter("adt-data-history", "false", publishValueAsDefault: true);
            var instance = builder.AddAzureDigitalTwins(ConnectionName, "../infra/adt.bicep")
                .WithParameter("dataHistory", dataHistory);
            return new AdtResources(instance, null, instance);
        }
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionName)))
        {
            return new AdtResources(builder.AddConnectionString(ConnectionName), null, null);
        }

        // The blobs of MockAdt's import jobs; only beside MockAdt, so never in publish mode either.
        var storage = builder.AddAzurite("azurite");
        var token = builder.AddParameter("mockadt-token", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        // off: functional limits only; cloud: ADT's documented rate limits; chaos: cloud plus injected faults.
        var limits = builder.AddParameter("mockadt-limits", "off");
        var emulator = builder.AddProject<Projects.PlateletTwins_MockAdt>("mockadt")
            .WithEnvironment("MockAdt__Limits__Profile", limits)
            .WithEnvironment("MockAdt__Auth__Tokens__0__Value", token)
            .WithEnvironment("MockAdt__Auth__Tokens__0__Role", "DataOwner")
            .WithPersistence(builder)
            .WithEnvironment("MockAdt__Jobs__StorageConnectionString", storage.ConnectionString)
            // A second port, HTTP/2 without TLS, for the ingestion service's writes; "http" stays HTTP/1.1 for browsers.
            .WithHttpEndpoint(name: "h2c", env: "MockAdt__Http2Port")
            .WithUrlForEndpoint("http", url =>
            {
                url.Url = "/mockadt/explorer/";
                url.DisplayText = "MockAdt explorer";
            })
            .WithHttpHealthCheck("/health");
        var connection = builder.AddConnectionString(ConnectionName,
            ReferenceExpression.Create($"Endpoint={emulator.GetEndpoint("h2c")};Token={token};Protocol=h2c"));
        return new AdtResources(connection, emulator, null);
    }
}
