using Azure.Core;

namespace PlateletTwins.IngestionService.Adt;

/// <summary>Options of <see cref="DigitalTwinsClient"/>, as the official client has them.</summary>
internal sealed class DigitalTwinsClientOptions : ClientOptions
{
    public const string DefaultApiVersion = "2023-10-31";

    public string ApiVersion { get; set; } = DefaultApiVersion;
}
