using System.Data.Common;

namespace PlateletTwins.IngestionService.Adt;

/// <summary>
/// The <c>adt</c> connection string: the instance URL alone, or <c>Endpoint=…[;Protocol=h2c]</c>. It carries no
/// credential: the token comes from Azure.Identity for MockAdt as for Azure (see <see cref="AdtCredential"/>).
/// <c>Protocol=h2c</c> says the endpoint speaks HTTP/2 without TLS (MockAdt's second port), so writes multiplex over a
/// few connections.
/// </summary>
internal sealed record AdtConnection(Uri Endpoint, bool Http2PriorKnowledge = false)
{
    public const string Name = "adt";

    public static AdtConnection Parse(string connectionString)
    {
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var url))
        {
            return new AdtConnection(url);
        }
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint?.ToString(), UriKind.Absolute, out var endpointUri))
        {
            throw new FormatException("The adt connection string needs an absolute Endpoint, e.g. https://<instance>.api.<region>.digitaltwins.azure.net.");
        }
        if (parts.ContainsKey("Token"))
        {
            throw new FormatException("The adt connection string takes no Token: the service gets its token from Azure.Identity, "
                + "locally from MockAdt's managed identity endpoint (IDENTITY_ENDPOINT and IDENTITY_HEADER, which the AppHost sets).");
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
        return new AdtConnection(endpointUri, protocol is "h2c");
    }
}
