using Microsoft.Extensions.Options;

namespace PlateletTwins.SimulatorService.Streaming;

/// <summary><see cref="StreamingOptions"/>' annotations, checked when the service starts: a run that could not stream does not begin.</summary>
[OptionsValidator]
internal sealed partial class StreamingOptionsValidator : IValidateOptions<StreamingOptions>;
