using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Events;

/// <summary>CloudEvents in the JSON event format (structured mode), written as ADT's JSON is (its escaping and depth).</summary>
internal static class CloudEventWriter
{
    public static readonly JsonEventFormatter Formatter = new(AdtJson.Options, default);

    /// <summary>The event as one JSON object, as a stream endpoint sends it (its media type is the formatter's).</summary>
    public static byte[] Write(CloudEvent cloudEvent) => Formatter.EncodeStructuredModeMessage(cloudEvent, out _).ToArray();
}
