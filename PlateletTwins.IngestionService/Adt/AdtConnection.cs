using System.Data.Common;
using Azure.Core;
using Azure.Identity;

namespace PlateletTwins.IngestionService.Adt;

/// <summary>
/// The <c>adt</c> connection string: either the instance URL alone (Azure: the token comes from
/// DefaultAzureCredential, a managed identity once deployed), or <c>Endpoint=…;Token=…</c> for the emulator,
/// as Azurite's connection strings carry their well-known key.
/// </summary>
public sealed record AdtConnection(Uri Endpoint, string? Token)
{
    public const string Name = "adt";

    public static AdtConnection Parse(string connectionString)
    {
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var url))
        {
            return new AdtConnection(url, null);
        }
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint?.ToString(), UriKind.Absolute, out var endpointUri))
        {
            throw new FormatException("The adt connection string needs an absolute Endpoint, e.g. https://<instance>.api.<region>.digitaltwins.azure.net.");
        }
        return new AdtConnection(endpointUri, parts.TryGetValue("Token", out var token) ? token?.ToString() : null);
    }

    public TokenCredential CreateCredential() =>
        Token is { Length: > 0 } token ? new StaticTokenCredential(token) : new DefaultAzureCredential();
}
