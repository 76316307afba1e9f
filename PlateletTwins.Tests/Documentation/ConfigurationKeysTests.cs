using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Scheduling;
using PlateletTwins.MockAdt.Auth;
using PlateletTwins.MockAdt.EventRoutes;
using PlateletTwins.MockAdt.History;
using PlateletTwins.MockAdt.Hosting;
using PlateletTwins.MockAdt.Jobs;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Persistence;
using PlateletTwins.SimulatorService.Streaming;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Documentation;

/// <summary>
/// Every configuration key the documentation names (<c>Section:Key</c>, or the environment's <c>Section__Key</c>) is
/// a property of the options class bound to its section, or a key the code reads by name: a key renamed or removed in
/// the code, or misspelt in the docs, fails here with the key and the documents that name it.
/// </summary>
public sealed partial class ConfigurationKeysTests
{
    // The options classes and the sections the services bind them to (their Hosting/ extensions); the longest
    // section that starts a key is the one it is read against, and a key is read if one class bound there has it.
    private static readonly Dictionary<string, Type[]> BoundSections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Streaming"] = [typeof(StreamingOptions)],
        ["Intake"] = [typeof(IntakeOptions)],
        ["Writes"] = [typeof(WriteOptions)],
        ["Storage"] = [typeof(StorageOptions)],
        ["MockAdt"] = [typeof(PersistenceOptions), typeof(EndpointsOptions), typeof(Http2Options)],
        ["MockAdt:Auth"] = [typeof(AuthOptions)],
        ["MockAdt:Limits"] = [typeof(LimitsOptions)],
        ["MockAdt:History"] = [typeof(HistoryOptions)],
        ["MockAdt:Jobs"] = [typeof(JobsOptions)],
    };

    // Sections that belong to .NET itself, not to an options class of the project.
    private static readonly string[] FrameworkSections = ["ConnectionStrings", "Logging", "Kestrel"];

    public static TheoryData<string, string> DocumentedKeys()
    {
        var keys = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (name, text) in Documents.All())
        {
            foreach (Match match in Key().Matches(text))
            {
                var key = match.Value.Replace("__", ":", StringComparison.Ordinal);
                if (!FrameworkSections.Contains(key.Split(':')[0]))
                {
                    (keys.TryGetValue(key, out var documents) ? documents : keys[key] = new SortedSet<string>(StringComparer.Ordinal)).Add(name);
                }
            }
        }
        var data = new TheoryData<string, string>();
        foreach (var (key, documents) in keys)
        {
            data.Add(key, string.Join(", ", documents));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentedKeys))]
    public void A_documented_configuration_key_is_read_by_the_code(string key, string documents)
    {
        var bound = BoundSections.Keys.Where(section => key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)).MaxBy(section => section.Length);
        var problem = bound is null ? "no options class is bound to its section"
            : BoundSections[bound].Select(type => Resolve(type, key[(bound.Length + 1)..].Split(':'), bound)).Aggregate((first, next) => first is null || next is null ? null : $"{first}; {next}");
        Assert.True(problem is null || ReadByName(key),
            $"The configuration key {key} (in {documents}) {problem}, and no source of the services reads it by name.");
    }

    /// <summary>Walks the key's segments through the options class as the configuration binder does; null when every segment is a property.</summary>
    private static string? Resolve(Type type, string[] segments, string path)
    {
        foreach (var raw in segments)
        {
            if (ElementType(type) is { } element && (raw == "{n}" || int.TryParse(raw, out _)))
            {
                (type, path) = (element, $"{path}:{raw}");
                continue;
            }
            // MockAdt:Endpoints:{n}:Name|Kind|Url names three keys at once.
            var alternatives = raw.Split('|');
            var properties = alternatives.Select(name => type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)).ToArray();
            if (properties.Any(p => p is null || !p.CanWrite))
            {
                return $"is not a settable property of {type.Name} at {path} ({string.Join(", ", alternatives.Where((_, i) => properties[i] is null || !properties[i]!.CanWrite))})";
            }
            (type, path) = (properties[0]!.PropertyType, $"{path}:{raw}");
        }
        return null;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments() is [var element] ? element
        : null;

    /// <summary>A key the code reads by name (the AppHost's <c>MockAdt:Persist</c>): its full name as a literal, or its rest after an interpolated section.</summary>
    private static bool ReadByName(string key)
    {
        var rest = key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return ProductSources.Value.Any(source => source.Contains($"\"{key}\"", StringComparison.Ordinal) || source.Contains($"}}:{rest}\"", StringComparison.Ordinal));
    }

    private static readonly Lazy<string[]> ProductSources = new(() => Directory.GetDirectories(RepositoryPaths.Root, "PlateletTwins.*")
        .Where(project => !project.EndsWith(".Tests", StringComparison.Ordinal))
        .SelectMany(project => Directory.GetFiles(project, "*.cs", SearchOption.AllDirectories))
        .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        .Select(File.ReadAllText)
        .ToArray());

    // Section:Key or Section__Key, a section in PascalCase (environment variables of Azure and .NET are in capitals);
    // a segment may be an index ({n}, 0) or alternatives (Name|Kind|Url).
    [GeneratedRegex(@"(?<![\w.$/])[A-Z][a-z][A-Za-z0-9]*(?:(?::|__)(?:[A-Za-z0-9]+(?:\|[A-Za-z0-9]+)+|[A-Za-z0-9]+(?:-[a-z0-9]+)*|\{n\}))+")]
    private static partial Regex Key();
}
