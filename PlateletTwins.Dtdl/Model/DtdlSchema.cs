namespace PlateletTwins.Dtdl.Model;

/// <summary>A DTDL schema: a primitive, or one of the complex schemas Enum, Object, Map and Array.</summary>
public abstract record DtdlSchema;

public sealed record PrimitiveSchema(string Name) : DtdlSchema
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "boolean", "date", "dateTime", "double", "duration", "float", "integer", "long", "string", "time",
        "point", "lineString", "polygon", "multiPoint", "multiLineString", "multiPolygon",
    };
}

public sealed record EnumSchema(string ValueSchema, IReadOnlyList<EnumValue> Values) : DtdlSchema;

public sealed record EnumValue(string Name, string? StringValue, long? IntegerValue);

public sealed record ObjectSchema(IReadOnlyList<SchemaField> Fields) : DtdlSchema;

public sealed record SchemaField(string Name, DtdlSchema Schema);

public sealed record MapSchema(string KeyName, string ValueName, DtdlSchema ValueSchema) : DtdlSchema;

public sealed record ArraySchema(DtdlSchema ElementSchema) : DtdlSchema;
