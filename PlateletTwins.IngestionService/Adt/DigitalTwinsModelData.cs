using System.Text.Json.Serialization;

namespace PlateletTwins.IngestionService.Adt;

/// <summary>A model as the models API returns it.</summary>
internal sealed record DigitalTwinsModelData(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("decommissioned")] bool Decommissioned,
    [property: JsonPropertyName("uploadTime")] DateTimeOffset? UploadTime);
