namespace PlateletTwins.MockAdt.Limits;

/// <summary>ADT's functional limits that always apply (service limits page, 2025-01).</summary>
internal static class FunctionalLimits
{
    /// <summary>Request payload and twin size: 32 KB.</summary>
    public const int MaxPayloadBytes = 32 * 1024;

    /// <summary>Models in one POST /models call.</summary>
    public const int MaxModelsPerUpload = 250;

    /// <summary>Model list page size; not adjustable on the real service.</summary>
    public const int ModelsPerPage = 100;

    /// <summary>One model's DTDL: 1 MB.</summary>
    public const int MaxModelBytes = 1024 * 1024;

    /// <summary>
    /// A POST /models body. Unverified: the documented 32 KB request limit would not fit one large model, so
    /// model uploads evidently have their own; we allow 16 MB.
    /// </summary>
    public const int MaxModelUploadBytes = 16 * 1024 * 1024;
}
