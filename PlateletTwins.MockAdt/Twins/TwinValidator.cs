using System.Text.Json.Nodes;
using PlateletTwins.Dtdl;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Twins;

/// <summary>Validates a whole twin document against its model, inherited contents and components included.</summary>
public sealed class TwinValidator(ModelStore models)
{
    /// <summary>Throws ADT's <c>ValidationFailed</c> with a detail per problem.</summary>
    public void Validate(JsonObject twin, string modelId)
    {
        var model = models.Resolve(modelId)
            ?? throw AdtErrors.ValidationFailed([$"{modelId} or one of its dependencies does not exist."]);
        var problems = new List<string>();
        CheckContents(twin, model, "", allowComponents: true, problems);
        foreach (var component in model.Components.Where(c => twin[c.Name] is null))
        {
            problems.Add($"Twin is missing component {component.Name}. Every component of the model must be present, even if empty.");
        }
        if (problems.Count > 0)
        {
            throw AdtErrors.ValidationFailed(problems);
        }
    }

    private void CheckContents(JsonObject node, ResolvedModel model, string prefix, bool allowComponents, List<string> problems)
    {
        foreach (var (name, value) in node)
        {
            if (name.StartsWith('$'))
            {
                continue;
            }
            if (!model.Contents.TryGetValue(name, out var content))
            {
                problems.Add($"{prefix}{name} is not a property of {model.Id}.");
                continue;
            }
            switch (content.Kind)
            {
                case ContentKind.Property:
                    SchemaConformance.Check(value, content.Schema!, prefix + name, problems);
                    break;
                case ContentKind.Component when allowComponents:
                    if (value is not JsonObject componentValue)
                    {
                        problems.Add($"{prefix}{name} is a component and must be an object.");
                    }
                    else if (models.Resolve(content.ComponentInterface!) is { } componentModel)
                    {
                        CheckContents(componentValue, componentModel, $"{name}/", allowComponents: false, problems);
                    }
                    else
                    {
                        problems.Add($"{content.ComponentInterface} or one of its dependencies does not exist.");
                    }
                    break;
                default:
                    problems.Add($"{prefix}{name} is not a property - it is a {content.Kind}.");
                    break;
            }
        }
    }
}
