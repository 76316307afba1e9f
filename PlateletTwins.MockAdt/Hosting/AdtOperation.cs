using PlateletTwins.MockAdt.Limits;

namespace PlateletTwins.MockAdt.Hosting;

/// <summary>
/// What a data-plane endpoint is to ADT, as its metadata: the row of the rate-limit table it counts against, whether it
/// writes (the role it needs) and whether it writes a twin (spending that twin's own budget). Declared where the endpoint
/// is mapped (<see cref="AdtOperationConventions"/>); the gateway, the rate limits and the pipeline read it from there,
/// and nothing reads a request's path or method for it again.
/// </summary>
internal sealed record AdtOperation(ApiCategory Category, bool Writes, bool WritesTwin);
