namespace PlateletTwins.Dtdl.Metamodel.Tables;

/// <summary>Shorthands for the rows the version tables share in shape.</summary>
internal static class Rows
{
    public static PropertyRow Str(string name, int? maxLength = null) => new(name, ValueKind.StringLiteral) { MaxLength = maxLength };

    public static PropertyRow Lang(string name, int maxLength) => new(name, ValueKind.LangString) { MaxLength = maxLength };

    public static PropertyRow Bool(string name) => new(name, ValueKind.BooleanLiteral);

    public static PropertyRow Int(string name, long? min = null, long? max = null) => new(name, ValueKind.IntegerLiteral) { MinValue = min, MaxValue = max };

    public static PropertyRow Name(int maxLength) => new("name", ValueKind.StringLiteral) { MinCount = 1, MaxLength = maxLength, Pattern = StringPattern.Name };

    /// <summary>A single element value: required when <paramref name="required"/>.</summary>
    public static PropertyRow One(string name, bool required, params string[] classes) =>
        new(name, ValueKind.Element) { MinCount = required ? 1 : 0, Classes = classes };

    /// <summary>A set of element values, at most <paramref name="max"/>.</summary>
    public static PropertyRow Many(string name, int? max, params string[] classes) =>
        new(name, ValueKind.Element) { MaxCount = max, Classes = classes };

    public static ClassRow Abstract(string name, string? parent, params PropertyRow[] properties) =>
        new(name, parent) { Abstract = true, Properties = properties };

    public static ClassRow Concrete(string name, string parent, params PropertyRow[] properties) =>
        new(name, parent) { Properties = properties };

    /// <summary>A standard element of the language, e.g. the schema <c>double</c> of class Double.</summary>
    public static Term Instance(string name, string className, string iri) => new(name, TermKind.Instance, iri) { InstanceClass = className };

    private static readonly HashSet<string> Numeric = new(StringComparer.Ordinal)
    {
        "byte", "decimal", "double", "float", "integer", "long", "short", "unsignedByte", "unsignedInteger", "unsignedLong", "unsignedShort",
    };

    /// <summary>The primitive schemas: one class and one instance each (Double and <c>double</c>); numeric ones under NumericSchema.</summary>
    public static IEnumerable<(ClassRow Class, Term Instance)> Primitives(int version, params string[] names) =>
        names.Select(n => (Concrete(char.ToUpperInvariant(n[0]) + n[1..], Numeric.Contains(n) ? "NumericSchema" : "PrimitiveSchema") with { StandardOnly = true },
            Instance(n, char.ToUpperInvariant(n[0]) + n[1..], $"dtmi:dtdl:instance:Schema:{n};{version}")));

    /// <summary>The geospatial schemas, standard Objects.</summary>
    private static readonly string[] GeospatialNames = ["point", "lineString", "polygon", "multiPoint", "multiLineString", "multiPolygon"];

    public static IEnumerable<Term> Geospatial(int version) =>
        GeospatialNames.Select(n => Instance(n, "Geospatial", $"dtmi:standard:schema:geospatial:{n};{version}"));

    /// <summary>
    /// The semantic types as supplemental classes that add <c>unit</c>, and their unit types and units;
    /// <paramref name="iri"/> makes the IRI of a class, a unit type or a unit from its kind and name.
    /// </summary>
    public static (List<ClassRow> Classes, List<Term> Instances) Quantities(int version, IReadOnlyList<string> appliesTo, string unitClassParent,
        Func<string, string, string> iri, bool unitTypesAreSchemas)
    {
        var classes = new List<ClassRow>();
        var instances = new Dictionary<string, Term>(StringComparer.Ordinal);
        foreach (var row in SemanticTypes.For(version))
        {
            classes.Add(new ClassRow(row.SemanticType, null)
            {
                Supplemental = true,
                AppliesTo = appliesTo,
                UnitType = row.UnitType,
                Iri = iri("class", row.SemanticType),
                Properties = [new PropertyRow("unit", ValueKind.Element) { Classes = [row.UnitType], AllowsInline = false, MinCount = 1 }],
            });
            if (classes.All(c => c.Name != row.UnitType))
            {
                classes.Add(new ClassRow(row.UnitType, unitClassParent) { Iri = iri("class", row.UnitType), StandardOnly = true });
                if (unitTypesAreSchemas)
                {
                    // In v3 a unit type is also an Enum schema whose values are its units (QuantitativeTypes v1).
                    instances.TryAdd(row.UnitType, Instance(row.UnitType, "Enum", iri("enum", row.UnitType)));
                }
            }
            foreach (var unit in row.Units)
            {
                instances.TryAdd(unit, Instance(unit, row.UnitType, iri("unit", unit)));
            }
        }
        // A unit is an instance of every unit type that lists it (Humidity and Density share DensityUnit, so no clash).
        return (classes, instances.Values.ToList());
    }
}
