using Microsoft.Extensions.Options;

namespace PlateletTwins.IngestionService.Durability;

/// <summary>
/// <see cref="StorageOptions"/>' annotations, checked when the service starts: a checkpoint interval the checkpointer
/// cannot wait (negative, or beyond a timer's longest) would stop its checkpoints, and so the service, once started.
/// </summary>
[OptionsValidator]
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
