using Azure.Storage.Blobs;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>The blob URIs of an import job, checked when the job is created, as ADT checks them.</summary>
internal static class BlobUris
{
    /// <summary>The URI, absolute http(s) naming a container and a blob; else ADT's InvalidArgument.</summary>
    public static Uri Parse(string value)
    {
        Uri uri;
        try
        {
            uri = new Uri(value, UriKind.Absolute);
        }
        catch (UriFormatException error)
        {
            // ADT's message carries .NET's own reason ("Invalid URI: The format of the URI could not be determined.").
            throw JobErrors.InvalidBlobUri(value, error.Message);
        }
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            throw JobErrors.InvalidBlobUri(value, "The URI must be an http or https URL.");
        }
        var parts = new BlobUriBuilder(uri);
        if (string.IsNullOrEmpty(parts.BlobContainerName) || string.IsNullOrEmpty(parts.BlobName))
        {
            throw JobErrors.InvalidBlobUri(value, "The URI must name a container and a blob in it.");
        }
        return uri;
    }
}
