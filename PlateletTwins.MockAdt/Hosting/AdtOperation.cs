using PlateletTwins.MockAdt.Limits;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Hosting;

/// <summary>
/// What a data-plane endpoint is to ADT, as its metadata: the row of the rate-limit table it counts against, whether it
/// writes (the role it needs), whether it writes a twin (spending that twin's own budget), and the group of operations it
/// is in (which api-versions have it). Declared where the endpoint is mapped (<see cref="AdtOperationConventions"/>); the
/// gateway, the rate limits, the api-version check and the pipeline read it from there, and nothing reads a request's
/// path or method for it again.
/// </summary>
internal sealed record AdtOperation(ApiCategory Category, bool Writes, bool WritesTwin, ApiSurface Surface);
