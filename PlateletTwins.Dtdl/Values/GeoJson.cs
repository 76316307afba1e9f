using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlateletTwins.Dtdl.Values;

/// <summary>
/// DTDL's geospatial schemas as RFC 7946 GeoJSON geometries: <c>{"type": …, "coordinates": …}</c> and nothing else, the
/// type spelled as the RFC spells it, positions of 2 or 3 finite numbers, a LineString of at least 2 positions, each
/// ring of a Polygon of at least 4.
/// </summary>
internal static class GeoJson
{
    /// <summary>The GeoJSON type of a geospatial schema (<c>point</c> → <c>Point</c>); null for any other schema.</summary>
    public static string? GeometryOf(string schema) => schema switch
    {
        "point" => "Point",
        "lineString" => "LineString",
        "polygon" => "Polygon",
        "multiPoint" => "MultiPoint",
        "multiLineString" => "MultiLineString",
        "multiPolygon" => "MultiPolygon",
        _ => null,
    };

    public static bool IsGeometry(JsonNode value, string geometry)
    {
        if (value is not JsonObject geo || geo.Count != 2 || geo["type"] is not JsonValue type
            || !JsonScalar.TryRead(type, out var name) || !name.IsString(geometry))
        {
            return false;
        }
        var coordinates = geo["coordinates"];
        return geometry switch
        {
            "Point" => IsPosition(coordinates),
            "LineString" => IsPositions(coordinates, 2),
            "MultiPoint" => IsPositions(coordinates, 1),
            "Polygon" => AllOf(coordinates, ring => IsPositions(ring, 4)),
            "MultiLineString" => AllOf(coordinates, line => IsPositions(line, 2)),
            "MultiPolygon" => AllOf(coordinates, polygon => AllOf(polygon, ring => IsPositions(ring, 4))),
            _ => false,
        };
    }

    private static bool AllOf(JsonNode? node, Func<JsonNode?, bool> each)
    {
        if (node is not JsonArray items)
        {
            return false;
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (!each(items[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsPositions(JsonNode? node, int minimum) =>
        node is JsonArray positions && positions.Count >= minimum && AllOf(positions, IsPosition);

    private static bool IsPosition(JsonNode? node)
    {
        if (node is not JsonArray { Count: 2 or 3 } position)
        {
            return false;
        }
        for (var i = 0; i < position.Count; i++)
        {
            if (position[i] is not JsonValue coordinate || !JsonScalar.TryRead(coordinate, out var number)
                || number.Kind != JsonValueKind.Number || !number.IsFiniteDouble(double.MaxValue))
            {
                return false;
            }
        }
        return true;
    }
}
