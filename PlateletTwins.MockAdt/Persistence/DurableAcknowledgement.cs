namespace PlateletTwins.MockAdt.Persistence;

/// <summary>
/// The commit that a request's writes wait for before the request is answered. The handlers need not know about it:
/// <see cref="DurableAcknowledgementMiddleware"/> opens a scope per request, the journal names in it the commit that
/// carries each write, and the response starts only once that commit is done.
/// </summary>
internal static class DurableAcknowledgement
{
    private static readonly AsyncLocal<Scope?> Current = new();

    internal sealed class Scope
    {
        // The latest commit is enough: commits complete in order.
        public Task Commit { get; set; } = Task.CompletedTask;
    }

    public static Scope Begin() => Current.Value = new Scope();

    public static void WaitFor(Task commit)
    {
        if (Current.Value is { } scope)
        {
            scope.Commit = commit;
        }
    }
}
