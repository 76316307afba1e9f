using System.Data.Common;
using Azure.Core;
using Azure.Identity;

namespace PlateletTwins.IngestionService.Adt;

/// <summary>
/// The <c>adt</c> connection string: either the instance URL alone (Azure: the token comes from
/// DefaultAzureCredential, a managed identity once deployed), or <c>Endpoint=…;Token=…</c> for the emulator,
/// as Azurite's connection strings carry their well-known key. <c>Protocol=h2c</c> says the endpoint speaks
/// HTTP/2 without TLS (MockAdt's second port), so writes multiplex over a few connections.
/// </summary>
public sealed record AdtConnection(Uri Endpoint, string? Token, bool Http2PriorKnowledge = false)
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
        var protocol = parts.TryGetValue("Protocol", out var value) ? value?.ToString() : null;
        if (protocol is not (null or "h2c"))
        {
            throw new FormatException($"The adt connection string's Protocol is '{protocol}'; the only value it takes is h2c (HTTP/2 without TLS).");
        }
        if (protocol is "h2c" && endpointUri.Scheme != Uri.UriSchemeHttp)
        {
            throw new FormatException("Protocol=h2c is HTTP/2 without TLS: it needs an http:// Endpoint.");
        }
        return new AdtConnection(endpointUri, parts.TryGetValue("Token", out var token) ? token?.ToString() : null, protocol is "h2c");
    }

    public TokenCredential CreateCredential() =>
        Token is { Length: > 0 } token ? new StaticTokenCredential(token) : new DefaultAzureCredential();
}
