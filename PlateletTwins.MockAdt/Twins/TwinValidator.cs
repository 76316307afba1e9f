using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Model;
using PlateletTwins.Dtdl.Values;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Twins;

/// <summary>
/// Validates a whole twin document against its model, inherited contents and components included, each value by the
/// DTDL library's <see cref="ValueConformance"/>. It runs on every PATCH: a valid twin is checked without allocating.
/// </summary>
internal sealed class TwinValidator(ModelStore models)
{
    // A resolved model's components, found once per model rather than on every write.
    private static readonly ConditionalWeakTable<ResolvedModel, DtdlContent[]> ComponentsOf = [];

    /// <summary>Throws ADT's <c>ValidationFailed</c> with a detail per problem.</summary>
    public void Validate(JsonObject twin, string modelId)
    {
        var model = models.Resolve(modelId)
            ?? throw AdtErrors.ValidationFailed([$"{modelId} or one of its dependencies does not exist."]);
        List<string>? problems = null;
        CheckContents(twin, model, "", allowComponents: true, ref problems);
        foreach (var component in ComponentsOf.GetValue(model, static m => [.. m.Components]))
        {
            if (twin[component.Name] is null)
            {
                (problems ??= []).Add($"Twin is missing component {component.Name}. Every component of the model must be present, even if empty.");
            }
        }
        if (problems is not null)
        {
            throw AdtErrors.ValidationFailed(problems);
        }
    }

    private void CheckContents(JsonObject node, ResolvedModel model, string prefix, bool allowComponents, ref List<string>? problems)
    {
        for (var i = 0; i < node.Count; i++)
        {
            var (name, value) = node.GetAt(i);
            if (name.StartsWith('$'))
            {
                continue;
            }
            if (!model.Contents.TryGetValue(name, out var content))
            {
                (problems ??= []).Add($"{prefix}{name} is not a property of {model.Id}.");
                continue;
            }
            switch (content.Kind)
            {
                case ContentKind.Property:
                    if (!ValueConformance.IsValid(value, content.Schema!))
                    {
                        ValueConformance.Check(value, content.Schema!, prefix + name, problems ??= []);
                    }
                    break;
                case ContentKind.Component when allowComponents:
                    if (value is not JsonObject componentValue)
                    {
                        (problems ??= []).Add($"{prefix}{name} is a component and must be an object.");
                    }
                    else if (models.Resolve(content.ComponentInterface!) is { } componentModel)
                    {
                        CheckContents(componentValue, componentModel, $"{name}/", allowComponents: false, ref problems);
                    }
                    else
                    {
                        (problems ??= []).Add($"{content.ComponentInterface} or one of its dependencies does not exist.");
                    }
                    break;
                default:
                    (problems ??= []).Add($"{prefix}{name} is not a property - it is a {content.Kind}.");
                    break;
            }
        }
    }
}
