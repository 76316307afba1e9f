using Microsoft.Extensions.Options;

namespace PlateletTwins.IngestionService.Scheduling;

/// <summary>
/// <see cref="WriteOptions"/>' annotations, checked when the service starts: a rate of 0 (the minimum one too, which a
/// run of 429s falls to) would never write again, a negative horizon would book no write, no writer none either.
/// </summary>
[OptionsValidator]
internal sealed partial class WriteOptionsValidator : IValidateOptions<WriteOptions>;
