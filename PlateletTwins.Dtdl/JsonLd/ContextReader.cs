using System.Text.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Errors;
using PlateletTwins.Dtdl.Metamodel;
using PlateletTwins.Dtdl.Parsing;

namespace PlateletTwins.Dtdl.JsonLd;

/// <summary>
/// Reads <c>@context</c>: at the top level it must name a DTDL context first (which picks the version), then any
/// extension contexts; nested ones may add extensions but not change the version. Local term definitions are not
/// allowed in DTDL v2 or v3. Undefined extension contexts are affiliates in v2 and errors in v3.
/// </summary>
internal static class ContextReader
{
    /// <summary>The scope of a top-level element; null (with errors) when its context is unusable.</summary>
    public static ContextScope? ReadTop(JsonObject element, ErrorSink errors)
    {
        if (!element.TryGetPropertyValue("@context", out var node))
        {
            errors.Add("missingContext", "Top-level JSON object has no @context specifier.");
            return null;
        }
        var specifiers = Specifiers(node, errors);
        if (specifiers is null)
        {
            return null;
        }
        if (specifiers.Count == 0)
        {
            errors.Add("emptyContext", "Top-level JSON object has a @context specifier that is empty.");
            return null;
        }
        // An affiliate context that implies a DTDL version (IoT Central's) may come first, right before the DTDL context.
        if (specifiers.Count > 1 && specifiers[0] is string affiliate && ImpliedVersions.TryGetValue(affiliate, out var implied)
            && specifiers[1] is string dtdl && DtdlVersionOf(dtdl) == implied)
        {
            specifiers.RemoveAt(1);
            specifiers.Insert(0, dtdl);
        }
        if (specifiers[0] is not string first || DtdlVersionOf(first) is not { } version)
        {
            if (specifiers[0] is string s && s.StartsWith("dtmi:dtdl:context;", StringComparison.Ordinal))
            {
                errors.Add("unrecognizedContextVersion", $"@context specifier has value '{s}', which specifies a DTDL version that is not recognized.", value: s);
            }
            else
            {
                errors.Add("missingDtdlContext", "@context specifier in top-level JSON object has value that does not have a DTDL context specifier as its first or only value.");
            }
            return null;
        }
        if (first.Contains('#', StringComparison.Ordinal))
        {
            errors.Add("disallowedContextFragment", $"@context specifier has value '{first}', which includes a fragment, which is not valid for DTDL version {version}.", value: first);
            return null;
        }
        // Of DTDL contexts given one after the other, the last is the version.
        var skip = 1;
        while (skip < specifiers.Count && specifiers[skip] is string next && DtdlVersionOf(next) is { } later && !next.Contains('#', StringComparison.Ordinal))
        {
            version = later;
            skip++;
        }
        var metamodel = MetamodelFor(version);
        var scope = new ContextScope(metamodel, [], false);
        return Extend(scope, specifiers.Skip(skip).ToList(), errors, null, null);
    }

    /// <summary>
    /// The scope of a nested element with its own <c>@context</c>; null (with errors) when unusable. An element that
    /// may be a definition of its own (a content, a base, a component's Interface) may be of an earlier DTDL version.
    /// </summary>
    public static ContextScope? ReadNested(JsonNode? node, ContextScope parent, ErrorSink errors, string ownerId, string property, bool mayBeEarlier)
    {
        var specifiers = Specifiers(node, errors);
        if (specifiers is null)
        {
            return null;
        }
        if (mayBeEarlier && specifiers.Count > 0 && specifiers[0] is string first && DtdlVersionOf(first) is { } v && v < parent.Version)
        {
            parent = new ContextScope(MetamodelFor(v), [], false);
            specifiers.RemoveAt(0);
        }
        return Extend(parent, specifiers, errors, ownerId, property);
    }

    // Affiliate contexts that imply a DTDL version.
    private static readonly Dictionary<string, int> ImpliedVersions = new(StringComparer.Ordinal) { ["dtmi:iotcentral:context;2"] = 2 };

    private static ContextScope? Extend(ContextScope scope, List<object> specifiers, ErrorSink errors, string? ownerId, string? property)
    {
        var extensions = new List<string>();
        var affiliate = false;
        var affiliates = new List<string>();
        var ok = true;
        var seenAffiliate = false;
        string? previous = null;
        foreach (var spec in specifiers)
        {
            var before = previous;
            previous = ReferenceEquals(spec, specifiers[0]) ? spec as string : "";
            if (spec is not string s)
            {
                errors.Add("disallowedLocalContext", $"@context value contains a block of local context definitions, which are not allowed in DTDL version {scope.Version}.");
                ok = false;
                continue;
            }
            if (DtdlVersionOf(s) is { } v)
            {
                if (seenAffiliate && !(before is not null && ImpliedVersions.TryGetValue(before, out var implied) && implied == v))
                {
                    errors.Add("dtdlContextFollowsAffiliate", $"@context array contains DTDL context specifier '{s}' after an affiliate context specifier.", value: s);
                    ok = false;
                }
                else if (v != scope.Version)
                {
                    errors.Add("disallowedVersionDefinition",
                        $"{ownerId ?? "An element"}'s property '{property ?? "@context"}' has a value that specifies DTDL context version {v}, which is not allowed for this property.",
                        ownerId, property, s);
                    ok = false;
                }
                continue;
            }
            if (s.StartsWith("dtmi:dtdl:context;", StringComparison.Ordinal))
            {
                errors.Add("unrecognizedContextVersion", $"@context specifier has value '{s}', which specifies a DTDL version that is not recognized.", value: s);
                ok = false;
                continue;
            }
            seenAffiliate = true;
            if (!s.StartsWith("dtmi:", StringComparison.Ordinal))
            {
                errors.Add("nonDtmiContextSpecifier", $"@context specifier has value '{s}', which is not a DTMI.", value: s);
                ok = false;
                continue;
            }
            var semicolon = s.LastIndexOf(';');
            if (semicolon < 0)
            {
                if (!DtmiSyntax.IsValidUnversioned(s))
                {
                    errors.Add("invalidContextSpecifier", $"@context specifier has value '{s}' that is not a legal DTMI.", value: s);
                }
                else
                {
                    errors.Add("missingContextVersion", $"@context specifier has value '{s}', which is invalid because it lacks a version number.", value: s);
                }
                ok = false;
                continue;
            }
            if (!DtmiSyntax.IsValid(s, 3, allowFragment: true))
            {
                errors.Add("invalidContextSpecifier", $"@context specifier has value '{s}' that is not a legal DTMI.", value: s);
                ok = false;
                continue;
            }
            if (!DtmiSyntax.IsValid(s, scope.Version, allowFragment: true))
            {
                errors.Add("invalidContextSpecifierForVersion", $"@context specifier has value '{s}', which is not a valid DTMI for DTDL version {scope.Version}.", value: s);
                ok = false;
                continue;
            }
            if (s.Contains('#', StringComparison.Ordinal))
            {
                errors.Add("disallowedContextFragment", $"@context specifier has value '{s}', which includes a fragment, which is not valid for DTDL version {scope.Version}.", value: s);
                ok = false;
                continue;
            }
            if (scope.Metamodel.Extension(s) is not null)
            {
                extensions.Add(s);
                continue;
            }
            var family = s[..semicolon];
            if (scope.Metamodel.Extensions.Any(e => e.Family == family))
            {
                errors.Add("unresolvableContextVersion", $"@context specifier has value '{s}', which specifies a context version that is not recognized.", value: s);
                ok = false;
                continue;
            }
            if (scope.Metamodel.UndefinedTermsAllowed)
            {
                affiliate = true;
                affiliates.Add(s);
                continue;
            }
            errors.Add("unresolvableContextSpecifier", $"@context specifier has value '{s}', which is unrecognized.", value: s);
            ok = false;
        }
        return ok ? scope.With(extensions, affiliate, affiliates) : null;
    }

    /// <summary>The specifiers of a <c>@context</c> value: strings, and objects for local definitions; null when malformed.</summary>
    private static List<object>? Specifiers(JsonNode? node, ErrorSink errors)
    {
        var list = new List<object>();
        switch (node)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                list.Add(v.GetValue<string>());
                return list;
            case JsonObject o:
                list.Add(o);
                return list;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    switch (a[i])
                    {
                        case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                            list.Add(v.GetValue<string>());
                            break;
                        case JsonObject o:
                            if (i != a.Count - 1)
                            {
                                errors.Add("localContextNotLast", "@context array contains a local context object that is not the last element in the array.");
                                return null;
                            }
                            list.Add(o);
                            break;
                        default:
                            errors.Add("invalidContext", "In source, @context value is not a JSON string or object.");
                            return null;
                    }
                }
                return list;
            default:
                errors.Add("invalidContext", "In source, @context value is not a JSON string or object.");
                return null;
        }
    }

    private static int? DtdlVersionOf(string specifier)
    {
        var bare = specifier.Split('#')[0];
        return bare switch
        {
            "dtmi:dtdl:context;2" => 2,
            "dtmi:dtdl:context;3" => 3,
            _ => null,
        };
    }

    private static readonly DtdlMetamodel V2 = Metamodel.Tables.DtdlV2.Build();
    private static readonly DtdlMetamodel V3 = Metamodel.Tables.DtdlV3.Build();

    public static DtdlMetamodel MetamodelFor(int version) => version == 2 ? V2 : V3;
}
