namespace PlateletTwins.IngestionService.Adt;

/// <summary>
/// The codes of ADT's error envelope (<c>error.code</c>, also <c>x-ms-error-code</c>) that the service reacts to, as
/// <see cref="Azure.RequestFailedException.ErrorCode"/> carries them; every comparison names one of these.
/// </summary>
internal static class AdtErrorCodes
{
    /// <summary>The twin of the path does not exist (404).</summary>
    public const string DigitalTwinNotFound = "DigitalTwinNotFound";

    /// <summary>The relationship of the path does not exist (404).</summary>
    public const string RelationshipNotFound = "RelationshipNotFound";

    /// <summary>A relationship's <c>$targetId</c> names no twin (404).</summary>
    public const string TargetDigitalTwinNotFound = "TargetDigitalTwinNotFound";

    /// <summary>A twin does not conform to its model, or its model is not there (400).</summary>
    public const string ValidationFailed = "ValidationFailed";

    /// <summary>A model of an upload exists already (409).</summary>
    public const string ModelIdAlreadyExists = "ModelIdAlreadyExists";
}
