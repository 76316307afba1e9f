using System.Data.Common;
using Azure.Core;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>
/// Clients for the blobs a job names: with the configured account's key when the URI is under its blob endpoint
/// (Azurite's well-known development account locally), as given when it carries a SAS token, else with the process's
/// Azure identity, as ADT reads and writes them with its instance's managed identity.
/// </summary>
internal sealed class JobBlobs
{
    private readonly Uri? _endpoint;
    private readonly StorageSharedKeyCredential? _key;
    private readonly Lazy<TokenCredential> _identity = new(() => new DefaultAzureCredential());
    private readonly BlobClientOptions _clientOptions = new()
    {
        // A job whose storage is unreachable should fail within seconds, not after minutes of retries.
        Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(30) },
    };

    public JobBlobs(IOptions<JobsOptions> options)
    {
        if (options.Value.StorageConnectionString is not { Length: > 0 } connectionString)
        {
            return;
        }
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var account = parts.TryGetValue("AccountName", out var name) ? name?.ToString() : null;
        var accountKey = parts.TryGetValue("AccountKey", out var key) ? key?.ToString() : null;
        if (account is null || accountKey is null)
        {
            throw new InvalidOperationException("MockAdt:Jobs:StorageConnectionString needs AccountName and AccountKey.");
        }
        _key = new StorageSharedKeyCredential(account, accountKey);
        _endpoint = parts.TryGetValue("BlobEndpoint", out var endpoint) && endpoint?.ToString() is { Length: > 0 } blobEndpoint
            ? new Uri(blobEndpoint.TrimEnd('/') + "/")
            : new Uri($"https://{account}.blob.core.windows.net/");
    }

    public BlobClient Blob(Uri uri) =>
        IsUnderEndpoint(uri) ? new BlobClient(uri, _key!, _clientOptions)
        : HasSas(uri) ? new BlobClient(uri, _clientOptions)
        : new BlobClient(uri, _identity.Value, _clientOptions);

    public AppendBlobClient AppendBlob(Uri uri) =>
        IsUnderEndpoint(uri) ? new AppendBlobClient(uri, _key!, _clientOptions)
        : HasSas(uri) ? new AppendBlobClient(uri, _clientOptions)
        : new AppendBlobClient(uri, _identity.Value, _clientOptions);

    private static bool HasSas(Uri uri) => uri.Query.Contains("sig=", StringComparison.OrdinalIgnoreCase);

    // localhost and 127.0.0.1 are one host here: the AppHost names Azurite one way, a test the other.
    private bool IsUnderEndpoint(Uri uri) =>
        _endpoint is not null && _key is not null && !HasSas(uri)
        && uri.Scheme == _endpoint.Scheme && uri.Port == _endpoint.Port
        && (string.Equals(uri.Host, _endpoint.Host, StringComparison.OrdinalIgnoreCase) || (uri.IsLoopback && _endpoint.IsLoopback))
        && uri.AbsolutePath.StartsWith(_endpoint.AbsolutePath, StringComparison.Ordinal);
}
