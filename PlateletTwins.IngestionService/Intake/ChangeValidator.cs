using PlateletTwins.Dtdl;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Dtdl.Values;
using PlateletTwins.IngestionService.Provisioning;
using PlateletTwins.IngestionService.Runs;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>
/// Checks one lifecycle change of a batch, as <see cref="UpdateValidator"/> checks an update: only what ADT would take.
/// A new twin's model is one of <c>dtdl/</c> and its values conform to it; a relationship is one its source's model
/// declares, to a twin of the run (its lab, a device, or a twin the run created before) of a model the relationship
/// allows, with conforming properties; every id is one the intake takes as an ADT id. A twin the run did not create is
/// never deleted through the intake.
/// </summary>
internal sealed class ChangeValidator(ModelCatalog catalog, UpdateValidator updates)
{
    /// <param name="managedModel">The model of a twin the run created (earlier in this batch, or before), if it is one.</param>
    public UpdateValidator.Problem? Validate(TwinChange? change, RunRecord run, Func<string, string?> managedModel)
    {
        if (change is null || !TwinIds.IsValid(change.TwinId))
        {
            return new("InvalidTwinId", "A change needs a twinId: a letter or digit, then letters, digits and - . _ ~ :, at most 128.");
        }
        if (change.Sequence < 0)
        {
            return new("InvalidSequence", $"sequence = {change.Sequence}; a sequence is 0 or more.");
        }
        if (change.Kind is null)
        {
            return new("UnknownKind", "The change's kind is missing or unknown; a change is createTwin, deleteTwin, putRelationship or deleteRelationship (names as written).");
        }
        var provisioned = ProvisionedModel(change.TwinId, run);
        return change.Kind switch
        {
            TwinChangeKind.CreateTwin => provisioned is not null
                ? new("NotManaged", $"'{change.TwinId}' is a twin provisioned for the run's lab ({provisioned}); the run cannot create it.")
                : !catalog.IsModel(change.ModelId)
                ? new("UnknownModel", $"'{change.ModelId}' is not a model of dtdl/.")
                : updates.ValidateProperties(change.ModelId!, change.Properties ?? []),
            TwinChangeKind.DeleteTwin => provisioned is not null
                ? new("NotManaged", $"'{change.TwinId}' is a twin provisioned for the run's lab ({provisioned}); the run cannot delete it.")
                : managedModel(change.TwinId) is null
                ? new("UnknownTwin", $"'{change.TwinId}' is not a twin the run created; only those are deleted through the intake.")
                : null,
            TwinChangeKind.PutRelationship => ValidatePut(change, provisioned ?? managedModel(change.TwinId), run, managedModel),
            _ => (provisioned ?? managedModel(change.TwinId)) is null
                ? new("UnknownTwin", $"'{change.TwinId}' is neither a twin of the run's lab nor one the run created.")
                : !TwinIds.IsValid(change.Relationship?.Id)
                ? new("InvalidRelationshipId", "A relationship change needs relationship.id, a valid ADT id.")
                : null,
        };
    }

    private UpdateValidator.Problem? ValidatePut(TwinChange change, string? sourceModel, RunRecord run, Func<string, string?> managedModel)
    {
        if (sourceModel is null)
        {
            return new("UnknownTwin", $"'{change.TwinId}' is neither a twin of the run's lab nor one the run created.");
        }
        if (change.Relationship is not { } relationship || !TwinIds.IsValid(relationship.Id) || relationship.Name is null || relationship.TargetId is null)
        {
            return new("MalformedRelationship", "A putRelationship needs relationship.id (a valid ADT id), name and targetId.");
        }
        if (catalog.RelationshipOf(sourceModel, relationship.Name) is not { } declared)
        {
            return new("UndeclaredRelationship", $"'{relationship.Name}' is not a relationship of {sourceModel}.");
        }
        if (relationship.TargetId == change.TwinId)
        {
            return new("SelfRelationship", "A relationship's target is another twin.");
        }
        if ((ProvisionedModel(relationship.TargetId, run) ?? managedModel(relationship.TargetId)) is not { } targetModel)
        {
            return new("UnknownTarget", $"The target '{relationship.TargetId}' is neither a twin of the run's lab nor one the run created before.");
        }
        if (declared.RelationshipTarget is { } required && !catalog.IsOf(targetModel, required))
        {
            return new("WrongTarget", $"The target '{relationship.TargetId}' is a {targetModel}; {relationship.Name} of {sourceModel} targets a {required}.");
        }
        foreach (var (name, value) in relationship.Properties ?? [])
        {
            if (declared.RelationshipProperties.FirstOrDefault(p => p.Name == name)?.Schema is not { } schema)
            {
                return new("UndeclaredProperty", $"'{name}' is not a property of relationship {relationship.Name}.");
            }
            if (ValueConformance.FirstProblem(value, schema, name) is { } problem)
            {
                return new("WrongType", problem);
            }
        }
        return null;
    }

    // The model of a twin provisioning gives the run's graph: its lab, a device of the lab, the run's own twin.
    private string? ProvisionedModel(string twinId, RunRecord run) =>
        twinId == run.Start.Lab.Id ? LabModel.Id
        : twinId == run.RunId ? SimulationModel.Id
        : run.Start.Lab.Devices.FirstOrDefault(d => d.Id == twinId) is { } device ? catalog.FindDeviceModel(device.Type)
        : null;
}
