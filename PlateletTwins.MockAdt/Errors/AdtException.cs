namespace PlateletTwins.MockAdt.Errors;

/// <summary>
/// An ADT service error. Handlers throw it; <see cref="AdtErrorMiddleware"/> turns it into ADT's envelope,
/// so no handler builds an error body by hand.
/// </summary>
internal sealed class AdtException(int status, string code, string message, IReadOnlyList<AdtErrorDetail>? details = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public IReadOnlyList<AdtErrorDetail>? Details { get; } = details;
}
