namespace PlateletTwins.Tests.Infrastructure;

/// <summary>A span as an OTLP exporter sent it, with the service that sent it.</summary>
public sealed record OtlpSpan(
    string ServiceName,
    string ScopeName,
    string Name,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    int Kind,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> LinkedTraceIds);
