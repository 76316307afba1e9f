using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Dtdl.Values;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>How the intake reads its request bodies: strictly, so that a body means one thing or is refused.</summary>
internal static class IntakeJson
{
    /// <summary>What a body is parsed with first: duplicate keys refused at any depth (a strict parser's rule; which value would win is otherwise undefined).</summary>
    public static readonly JsonDocumentOptions Document = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>
    /// What a parsed body is bound with: camelCase names matched exactly (a name differing in case is not the field),
    /// numbers as numbers, no null where the contract has none, every member required unless it may be null.
    /// </summary>
    public static readonly JsonSerializerOptions Serializer = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.Strict,
            AllowDuplicateProperties = false,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OptionalWhenNullable } },
            Converters = { new Rfc3339DateTimeOffsetConverter(), new ChangeKindOrNullConverter() },
        };
        options.MakeReadOnly();
        return options;
    }

    // A member the contract lets be null (a trace context, an event's detail) may also be left out.
    private static void OptionalWhenNullable(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.AssociatedParameter is not null && property.IsSetNullable)
            {
                property.IsRequired = false;
            }
        }
    }

    /// <summary>
    /// A change's kind as its exact wire name; a name that is none (or null) reads as null, so the validator refuses
    /// that item alone rather than the whole batch. A kind that is not a string is malformed, as any mistyped field.
    /// </summary>
    private sealed class ChangeKindOrNullConverter : JsonConverter<TwinChangeKind?>
    {
        public override bool HandleNull => true;

        public override TwinChangeKind? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => TwinChangeKinds.Parse(reader.GetString()),
            _ => throw new JsonException("A change's kind is a string, e.g. createTwin."),
        };

        public override void Write(Utf8JsonWriter writer, TwinChangeKind? value, JsonSerializerOptions options)
        {
            if (value is { } kind)
            {
                writer.WriteStringValue(TwinChangeKinds.Name(kind));
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    /// <summary>Instants as RFC 3339 date-times with an offset: one without is ambiguous, and ADT's sourceTime is RFC 3339.</summary>
    private sealed class Rfc3339DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !TemporalFormats.TryParseDateTime(reader.GetString(), out var instant))
            {
                throw new JsonException("Not an RFC 3339 date-time with an offset, e.g. 2026-01-05T07:00:00Z.");
            }
            return instant;
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
