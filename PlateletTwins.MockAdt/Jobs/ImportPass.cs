using System.Text;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Json;
using PlateletTwins.MockAdt.Conditions;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Protocol;
using PlateletTwins.MockAdt.Relationships;
using PlateletTwins.MockAdt.Store;
using PlateletTwins.MockAdt.Twins;

namespace PlateletTwins.MockAdt.Jobs;

/// <summary>
/// One pass over an import file, a line at a time. Not atomic, as ADT's import is not: a line that fails is logged
/// (its section, its line number, why) and skipped, and what was imported stays. Models are uploaded together at the
/// end of their section (they may reference each other in any order); twins and relationships are created or replaced
/// one by one through the same services as PUT, so they are validated and recorded (events, data history) as a PUT is.
/// A file whose structure is broken (no Header first, sections out of order) stops the pass: <see cref="Fatal"/>.
/// </summary>
internal sealed class ImportPass(ImportLog log, ModelStore models, TwinService twins, RelationshipService relationships)
{
    /// <summary>ADT's limit of models in one import job (service limits).</summary>
    public const int MaxModels = 10_000;

    private const string FormatError = "UnsupportedFileFormat";

    private readonly List<(long Line, JsonObject Model)> _models = [];
    private ImportSection _section = ImportSection.None;
    private int _sectionErrors;

    public JobError? Fatal { get; private set; }

    /// <summary>The sections that had at least one error, in file order.</summary>
    public List<ImportSection> FailedSections { get; } = [];

    public int ModelsImported { get; private set; }

    public int TwinsImported { get; private set; }

    public int RelationshipsImported { get; private set; }

    public async Task LineAsync(string text, long line, CancellationToken cancellation)
    {
        JsonNode? node;
        try
        {
            node = StrictJson.Parse(Encoding.UTF8.GetBytes(text));
        }
        catch (StrictJsonException error)
        {
            await LineErrorAsync(line, FormatError, $"The line is not valid JSON: {error.Message}.", cancellation);
            return;
        }
        if (node is JsonObject { Count: 1 } marker && marker["Section"] is JsonValue value && value.TryGetValue<string>(out var name))
        {
            await EnterAsync(name, line, cancellation);
            return;
        }
        switch (_section)
        {
            case ImportSection.None:
                Fatal = new JobError(FormatError, $"Line {line}: the file must start with {{\"Section\": \"Header\"}}.");
                break;
            case ImportSection.Header:
                if (node is not JsonObject)
                {
                    Fatal = new JobError(FormatError, $"Line {line}: the header must be a JSON object such as {{\"fileVersion\": \"1.0.0\", \"author\": \"…\", \"organization\": \"…\"}}.");
                }
                break;
            case ImportSection.Models:
                if (node is JsonObject model)
                {
                    _models.Add((line, model));
                }
                else
                {
                    await LineErrorAsync(line, FormatError, "A model must be a JSON object.", cancellation);
                }
                break;
            case ImportSection.Twins:
                await TwinAsync(node, line, cancellation);
                break;
            case ImportSection.Relationships:
                await RelationshipAsync(node, line, cancellation);
                break;
        }
    }

    /// <summary>Ends the section in progress: its models uploaded, its status logged, the log flushed.</summary>
    public async Task EndSectionAsync(CancellationToken cancellation)
    {
        if (_section == ImportSection.Models)
        {
            await UploadModelsAsync(cancellation);
        }
        if (_section > ImportSection.Header)
        {
            var details = new JsonObject { ["section"] = _section.ToString() };
            if (_sectionErrors > 0)
            {
                FailedSections.Add(_section);
                details["status"] = "Failed";
                await log.ErrorAsync(details, cancellation);
            }
            else
            {
                details["status"] = "Succeeded";
                await log.InfoAsync(details, cancellation);
            }
        }
        await log.FlushAsync(cancellation);
    }

    private async Task EnterAsync(string name, long line, CancellationToken cancellation)
    {
        var next = Enum.TryParse<ImportSection>(name, ignoreCase: true, out var parsed) && parsed != ImportSection.None ? parsed : ImportSection.None;
        if (next == ImportSection.None || next <= _section || (_section == ImportSection.None && next != ImportSection.Header))
        {
            Fatal = new JobError(FormatError,
                $"Line {line}: section '{name}' is out of place. The file starts with the Header section, then optionally Models, Twins and Relationships, each once and in that order.");
            return;
        }
        await EndSectionAsync(cancellation);
        _section = next;
        _sectionErrors = 0;
        if (next > ImportSection.Header)
        {
            await log.InfoAsync(new JsonObject { ["section"] = next.ToString(), ["status"] = "Started" }, cancellation);
        }
    }

    private async Task UploadModelsAsync(CancellationToken cancellation)
    {
        var batch = new List<JsonNode?>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, model) in _models)
        {
            var id = model.Member("@id").StringOrNull();
            if (id is null)
            {
                await LineErrorAsync(line, "DTDLParserError", "A model must have an @id.", cancellation);
            }
            else if (models.Get(id) is not null || !seen.Add(id))
            {
                await LineErrorAsync(line, "ModelIdAlreadyExists", AdtErrors.ModelIdAlreadyExists(id).Message, cancellation);
            }
            else if (batch.Count == MaxModels)
            {
                await LineErrorAsync(line, "LimitExceeded", $"An import job may hold at most {MaxModels} models.", cancellation);
            }
            else
            {
                batch.Add(model);
            }
        }
        _models.Clear();
        if (batch.Count == 0)
        {
            return;
        }
        try
        {
            ModelsImported += models.Add(batch).Count;
        }
        catch (AdtException error)
        {
            // One upload, all or none, as POST /models: the error names the model at fault.
            _sectionErrors++;
            await log.ErrorAsync(new JsonObject { ["section"] = nameof(ImportSection.Models), ["exceptionType"] = error.Code, ["message"] = Describe(error) }, cancellation);
        }
    }

    private async Task TwinAsync(JsonNode? node, long line, CancellationToken cancellation)
    {
        if (node is not JsonObject twin || twin.Member("$dtId").StringOrNull() is not { Length: > 0 } id)
        {
            await LineErrorAsync(line, FormatError, "Twin must have property $dtId representing the ID of the twin.", cancellation);
            return;
        }
        try
        {
            twins.Put(id, twin, WriteConditions.None);
            TwinsImported++;
        }
        catch (AdtException error)
        {
            await LineErrorAsync(line, error.Code, Describe(error), cancellation);
        }
    }

    private async Task RelationshipAsync(JsonNode? node, long line, CancellationToken cancellation)
    {
        if (node is not JsonObject relationship || relationship.Member("$dtId").StringOrNull() is not { Length: > 0 } sourceId)
        {
            // The service's own message for this line (Azure-Samples/azure-digital-twins-getting-started#27).
            await LineErrorAsync(line, FormatError, "Relationship must have property $dtId representing the ID of the source twin.", cancellation);
            return;
        }
        if (relationship.Member("$relationshipId").StringOrNull() is not { Length: > 0 } id)
        {
            await LineErrorAsync(line, FormatError, "Relationship must have property $relationshipId representing the ID of the relationship.", cancellation);
            return;
        }
        try
        {
            relationships.Put(sourceId, id, relationship, WriteConditions.None);
            RelationshipsImported++;
        }
        catch (AdtException error)
        {
            await LineErrorAsync(line, error.Code, Describe(error), cancellation);
        }
    }

    private Task LineErrorAsync(long line, string exceptionType, string message, CancellationToken cancellation)
    {
        _sectionErrors++;
        return log.LineErrorAsync(_section.ToString(), line, exceptionType, message, cancellation);
    }

    private static string Describe(AdtException error) =>
        error.Details is { Count: > 0 } details ? $"{error.Message}: {string.Join(" ", details.Select(d => d.Message))}" : error.Message;
}
