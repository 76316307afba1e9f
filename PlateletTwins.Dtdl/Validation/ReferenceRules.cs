using PlateletTwins.Dtdl.Errors;
using PlateletTwins.Dtdl.Parsing;

namespace PlateletTwins.Dtdl.Validation;

/// <summary>
/// Identifiers and references across the upload: each identifier defined once; each DTMI reference resolves (to the
/// upload or to an accepted model), to an element of a class the property takes, and never into another partition.
/// </summary>
internal static class ReferenceRules
{
    public static void Check(IReadOnlyList<Element> all, ModelSet set, ErrorSink errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in all)
        {
            if (e.Id is { } id && !seen.Add(id))
            {
                errors.Add("duplicateDefinition", $"{id} has more than one definition.", id);
            }
        }
        var unresolved = new List<string>();
        foreach (var e in all)
        {
            foreach (var (property, values) in e.Values)
            {
                foreach (var value in values)
                {
                    if (value is not Reference reference)
                    {
                        continue;
                    }
                    var row = e.Scope.Metamodel.Property(e.Class.Name, property) ?? e.Cotypes.SelectMany(c => c.Properties).FirstOrDefault(p => p.Name == property);
                    if (row is null)
                    {
                        continue;
                    }
                    if (set.Uploaded(reference.Dtmi) is { } target)
                    {
                        if (!e.Scope.Metamodel.IsAny(target.Class.Name, row.Classes))
                        {
                            errors.Add("badType", $"{e.Describe}'s property '{property}' has value {reference.Dtmi} that does not have @type of {string.Join(", ", row.Classes)}.",
                                e.Describe, property, reference.Dtmi, string.Join(", ", row.Classes));
                            continue;
                        }
                        if (!target.Class.Partition && target.Partition != e.Partition)
                        {
                            errors.Add("crossPartitionReference", $"Illegal cross-partion reference -- {e.Describe}'s property '{property}' refers to {reference.Dtmi}, whose definition is nested within {target.Partition?.Id}.",
                                e.Describe, property, reference.Dtmi);
                        }
                        if (target.Version != e.Version && target.Class.Partition && row.Name == "extends" && e.Version < target.Version)
                        {
                            errors.Add("disallowedVersionReference", $"{e.Describe}'s property '{property}' refers to {reference.Dtmi}, which is defined using DTDL version {target.Version}, which is not allowed for this property.",
                                e.Describe, property, reference.Dtmi);
                        }
                    }
                    else if (set.Accepted(reference.Dtmi) is { } model)
                    {
                        if (!row.Classes.Contains("Interface"))
                        {
                            // An accepted model is an Interface; only Interface-valued properties may refer to one.
                            errors.Add("badType", $"{e.Describe}'s property '{property}' has value {reference.Dtmi} that does not have @type of {string.Join(", ", row.Classes)}.",
                                e.Describe, property, reference.Dtmi, string.Join(", ", row.Classes));
                        }
                        else if (row.Name == "extends" && e.Version < model.DtdlVersion)
                        {
                            errors.Add("disallowedVersionReference", $"{e.Describe}'s property '{property}' refers to {reference.Dtmi}, which is defined using DTDL version {model.DtdlVersion}, which is not allowed for this property.",
                                e.Describe, property, reference.Dtmi);
                        }
                    }
                    else if (row.Name != "target")
                    {
                        // A relationship's target need not exist (the parser does not resolve it either).
                        if (!unresolved.Contains(reference.Dtmi))
                        {
                            unresolved.Add(reference.Dtmi);
                        }
                    }
                }
            }
        }
        if (unresolved.Count > 0)
        {
            errors.Add("resolution", $"The models refer to {string.Join(", ", unresolved)}, which {(unresolved.Count == 1 ? "is" : "are")} neither in this request nor an existing model.",
                value: string.Join(", ", unresolved));
        }
    }
}
