using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Json;
using PlateletTwins.Dtdl.Model;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Hosting;
using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Protocol;
using PlateletTwins.MockAdt.Store;

namespace PlateletTwins.MockAdt.Models;

/// <summary>The REST operations on <c>/models</c>, one method per operation of the spec.</summary>
internal static class ModelHandlers
{
    public static void MapModelHandlers(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("").CountsAgainst(ApiCategory.Models);
        models.MapPost("/models", Add).Writes();
        models.MapGet("/models", List).Reads();
        models.MapGet("/models/{id}", GetById).Reads();
        models.MapPatch("/models/{id}", Update).Writes();
        models.MapDelete("/models/{id}", Delete).Writes();
    }

    // DigitalTwinModels_Add: 201 with one ModelData per model, without definitions; all or nothing.
    private static async Task<IResult> Add(HttpRequest request, ModelStore models)
    {
        var body = await AdtJson.ReadBodyAsync(request, FunctionalLimits.MaxModelUploadBytes);
        if (body is not JsonArray array || array.Count == 0)
        {
            throw AdtErrors.InvalidArgument("The request body must be a non-empty JSON array of models.");
        }
        if (array.Count > FunctionalLimits.MaxModelsPerUpload)
        {
            throw AdtErrors.LimitExceeded($"A request may upload at most {FunctionalLimits.MaxModelsPerUpload} models; this one has {array.Count}.");
        }
        var tooLarge = array
            .Where(node => node is not null && System.Text.Encoding.UTF8.GetByteCount(node.ToJsonString()) > FunctionalLimits.MaxModelBytes)
            .Select(node => $"{node.Member("@id").StringOrNull() ?? "A model"} is larger than the 1 MB limit for one model.")
            .ToList();
        if (tooLarge.Count > 0)
        {
            throw AdtErrors.DtdlParserError(tooLarge);
        }
        var added = models.Add([.. array]);
        return Results.Json(new JsonArray([.. added.Select(m => (JsonNode)ModelData.From(m, includeDefinition: false))]), AdtJson.Options,
            statusCode: StatusCodes.Status201Created, contentType: AdtJson.ContentType);
    }

    // DigitalTwinModels_List: pages of 100 with an absolute nextLink; dependenciesFor adds what the named models need.
    private static IResult List(HttpRequest request, ModelStore models)
    {
        var includeDefinition = ReadBool(request, "includeModelDefinition");
        IEnumerable<ModelEntry> selected = models.List();
        var dependenciesFor = request.Query["dependenciesFor"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        if (dependenciesFor.Count > 0)
        {
            var wanted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in dependenciesFor)
            {
                CollectDependencies(ParseModelId(id), models, wanted);
            }
            selected = selected.Where(m => wanted.Contains(m.Id));
        }
        var skip = Paging.ReadContinuation(request);
        var pageSize = Paging.PageSize(request, FunctionalLimits.ModelsPerPage);
        var page = selected.Skip(skip).Take(pageSize + 1).ToList();
        var hasMore = page.Count > pageSize;
        var body = new JsonObject
        {
            ["value"] = new JsonArray([.. page.Take(pageSize).Select(m => (JsonNode)ModelData.From(m, includeDefinition))]),
            ["nextLink"] = hasMore ? Paging.NextLink(request, skip + pageSize) : null,
        };
        return Results.Json(body, AdtJson.Options, AdtJson.ContentType);
    }

    // DigitalTwinModels_GetById.
    private static IResult GetById(string id, HttpRequest request, ModelStore models)
    {
        var entry = models.Get(ParseModelId(id)) ?? throw AdtErrors.ModelNotFound(id);
        return Results.Json(ModelData.From(entry, ReadBool(request, "includeModelDefinition")), AdtJson.Options, AdtJson.ContentType);
    }

    // DigitalTwinModels_Update: only [{"op":"replace","path":"/decommissioned","value":true}] is allowed.
    private static async Task<IResult> Update(string id, HttpRequest request, ModelStore models)
    {
        var modelId = ParseModelId(id);
        var patch = await AdtJson.ReadBodyAsync(request, FunctionalLimits.MaxPayloadBytes);
        var valid = patch is JsonArray { Count: 1 } ops
            && ops[0].Member("op").StringOrNull() == "replace"
            && ops[0].Member("path").StringOrNull() == "/decommissioned"
            && ops[0].Member("value") is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.True;
        if (!valid)
        {
            throw AdtErrors.JsonPatchInvalid("Only the decommissioned property can be replaced, with the value true.");
        }
        models.Decommission(modelId);
        return Results.NoContent();
    }

    // DigitalTwinModels_Delete: blocked while another model references it.
    private static IResult Delete(string id, ModelStore models)
    {
        models.Delete(ParseModelId(id));
        return Results.NoContent();
    }

    private static string ParseModelId(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw AdtErrors.MissingArgument("The model id is required.");
        }
        return Dtmi.IsValid(id) ? id : throw AdtErrors.InvalidModelId(id);
    }

    private static void CollectDependencies(string id, ModelStore models, HashSet<string> into)
    {
        var entry = models.Get(id) ?? throw AdtErrors.ModelNotFound(id);
        if (!into.Add(id))
        {
            return;
        }
        foreach (var reference in entry.Interface.References)
        {
            CollectDependencies(reference, models, into);
        }
    }

    private static bool ReadBool(HttpRequest request, string name) =>
        bool.TryParse(request.Query[name].ToString(), out var value) && value;
}
