using Microsoft.Extensions.Options;

namespace PlateletTwins.IngestionService.Intake;

/// <summary>
/// <see cref="IntakeOptions"/>' annotations, checked when the service starts: without a key every request would be
/// refused, so the service does not start, and says which key is missing.
/// </summary>
[OptionsValidator]
internal sealed partial class IntakeOptionsValidator : IValidateOptions<IntakeOptions>;
