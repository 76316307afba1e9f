using Microsoft.Extensions.Configuration;
using PlateletTwins.AppHost.Azure;

namespace PlateletTwins.AppHost;

/// <summary>The ADT connection: the emulator in local runs, a real instance when configured or deployed.</summary>
internal static class AdtResourceExtensions
{
    public const string ConnectionName = "adt";

    public sealed record AdtResources(
        IResourceBuilder<IResourceWithConnectionString> ConnectionString,
        IResourceBuilder<ProjectResource>? Emulator,
        IResourceBuilder<AzureDigitalTwinsResource>? Instance,
        IResourceBuilder<ParameterResource>? IdentityHeader = null);

    /// <summary>MockAdt's managed identity endpoint, what Azure's <c>IDENTITY_ENDPOINT</c> is in a container app.</summary>
    public const string IdentityEndpointPath = "/mockadt/msi/token";

    /// <summary>
    /// In publish mode (azd) the instance is the project's Bicep module, <c>infra/adt.bicep</c>, and MockAdt is not in
    /// the model. With <c>ConnectionStrings:adt</c> set (an ADT instance URL) the connection string is that value.
    /// Otherwise MockAdt runs and the connection string points at it; MockAdt also serves the managed identity endpoint
    /// its users get their tokens from (<see cref="WithAdtIdentity"/>), and takes a generated token of its own for people
    /// (<c>mockadt-token</c>, for curl).
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
        // What Azure puts in IDENTITY_HEADER: the secret a caller of the identity endpoint sends, against request forgery.
        var identityHeader = builder.AddParameter("mockadt-identity-header", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        // The key MockAdt signs its tokens with, kept across its restarts as Entra's keys outlive ADT's: the token the
        // ingestion service holds (a managed identity token lives a day) stays good when MockAdt crashes and comes back.
        var signingKey = builder.AddParameter("mockadt-signing-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        // off: functional limits only; cloud: ADT's documented rate limits; chaos: cloud plus injected faults.
        var limits = builder.AddParameter("mockadt-limits", "off");
        var emulator = builder.AddProject<Projects.PlateletTwins_MockAdt>("mockadt")
            .WithEnvironment("MockAdt__Limits__Profile", limits)
            .WithEnvironment("MockAdt__Auth__Tokens__0__Value", token)
            .WithEnvironment("MockAdt__Auth__Tokens__0__Role", "DataOwner")
            .WithEnvironment("MockAdt__Auth__IdentityHeader", identityHeader)
            .WithEnvironment("MockAdt__Auth__SigningKey", signingKey)
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
            ReferenceExpression.Create($"Endpoint={emulator.GetEndpoint("h2c")};Protocol=h2c"));
        return new AdtResources(connection, emulator, null, identityHeader);
    }

    /// <summary>
    /// Gives a service of ADT what Azure gives a container app with a managed identity, so that its
    /// DefaultAzureCredential takes the same path in both: with MockAdt, <c>IDENTITY_ENDPOINT</c> (MockAdt's identity
    /// endpoint) and <c>IDENTITY_HEADER</c>; with MockAdt or deployed (where <c>infra/ingestion.bicep</c> sets it),
    /// <c>AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential</c>, so no developer sign-in is tried first. Against a real
    /// instance from a laptop nothing is set: the developer's own sign-in (<c>az login</c>) is the identity.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAdtIdentity(this IResourceBuilder<ProjectResource> service, AdtResources adt)
    {
        if (adt is { Emulator: { } emulator, IdentityHeader: { } header })
        {
            service
                .WithEnvironment("IDENTITY_ENDPOINT", ReferenceExpression.Create($"{emulator.GetEndpoint("http")}{IdentityEndpointPath}"))
                .WithEnvironment("IDENTITY_HEADER", header)
                .WithEnvironment("AZURE_TOKEN_CREDENTIALS", "ManagedIdentityCredential");
        }
        return service;
    }
}
