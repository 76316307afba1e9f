using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl;
using PlateletTwins.Dtdl.Model;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Persistence;

namespace PlateletTwins.MockAdt.Store;

/// <summary>
/// The models of the instance. Uploads are atomic (all or none); resolved models are cached, which is safe
/// because a model can only be deleted when nothing references it, and a delete or upload drops its entry.
/// </summary>
internal sealed class ModelStore(TimeProvider time, IStateJournal journal)
{
    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<string, ModelEntry> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResolvedModel> _resolved = new(StringComparer.Ordinal);

    public ModelEntry? Get(string id) => _models.TryGetValue(id, out var entry) ? entry : null;

    public IReadOnlyList<ModelEntry> List() => [.. _models.Values.OrderBy(m => m.UploadTime).ThenBy(m => m.Id, StringComparer.Ordinal)];

    /// <summary>Parses and adds the documents of one upload, all or none.</summary>
    public IReadOnlyList<ModelEntry> Add(IReadOnlyList<JsonNode?> documents)
    {
        lock (_writeLock)
        {
            var parsed = ModelParser.Parse(documents, id => Get(id)?.Interface);
            if (!parsed.IsValid)
            {
                throw AdtErrors.DtdlParserError(parsed.Problems);
            }
            var models = parsed.Interfaces;
            var existing = models.Select(m => m.Id).Where(_models.ContainsKey).ToList();
            if (existing.Count > 0)
            {
                throw AdtErrors.ModelIdAlreadyExists(string.Join(", ", existing));
            }
            var now = time.GetUtcNow();
            var entries = models.Select(m => new ModelEntry(m, now, Decommissioned: false)).ToList();
            foreach (var entry in entries)
            {
                _models[entry.Id] = entry;
                // A model uploaded again after a delete is resolved afresh.
                _resolved.TryRemove(entry.Id, out _);
                journal.ModelChanged(entry.Id);
            }
            return entries;
        }
    }

    public void Decommission(string id)
    {
        lock (_writeLock)
        {
            var entry = Get(id) ?? throw AdtErrors.ModelNotFound(id);
            if (entry.Decommissioned)
            {
                // Again is 204 (JS recording decommission_model_already_decommissioned).
                return;
            }
            // As a delete is refused while another model references this one, so is a decommission while one that is
            // still in service does (the REST spec's 409 ModelReferencesNotDecommissioned).
            var referencing = ReferencesTo(id).Where(m => !m.Decommissioned).Select(m => m.Id).ToList();
            if (referencing.Count > 0)
            {
                throw AdtErrors.ModelReferencesNotDecommissioned(id, referencing);
            }
            _models[id] = entry with { Decommissioned = true };
            journal.ModelChanged(id);
        }
    }

    public void Delete(string id)
    {
        lock (_writeLock)
        {
            if (Get(id) is null)
            {
                throw AdtErrors.ModelNotFound(id);
            }
            var referencing = ReferencesTo(id).Select(m => m.Id).ToList();
            if (referencing.Count > 0)
            {
                throw AdtErrors.ModelReferencesNotDeleted(referencing);
            }
            _models.TryRemove(id, out _);
            _resolved.TryRemove(id, out _);
            journal.ModelChanged(id);
        }
    }

    // Dependencies as the DTDL parser resolves them: bases and component interfaces, not relationship targets.
    private IEnumerable<ModelEntry> ReferencesTo(string id) =>
        _models.Values.Where(m => m.Id != id && m.Interface.References.Contains(id));

    /// <summary>Puts back a model read from the data directory at start, not journaled again.</summary>
    internal void Restore(ModelEntry entry) => _models[entry.Id] = entry;

    /// <summary>The model with its inheritance resolved, or null when it does not exist.</summary>
    public ResolvedModel? Resolve(string id)
    {
        if (_resolved.TryGetValue(id, out var cached))
        {
            return cached;
        }
        if (Get(id) is not { } entry)
        {
            return null;
        }
        var resolved = ModelResolver.Resolve(entry.Interface, i => Get(i)?.Interface);
        lock (_writeLock)
        {
            // Kept only while the model is still the one it was resolved from: one deleted meanwhile must not stay cached.
            if (ReferenceEquals(Get(id), entry))
            {
                _resolved[id] = resolved;
            }
        }
        return resolved;
    }
}
