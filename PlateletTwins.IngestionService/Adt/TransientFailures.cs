namespace PlateletTwins.IngestionService.Adt;

/// <summary>Which ADT answers are worth trying again: throttling, timeouts, server errors and lost connections (status 0).</summary>
public static class TransientFailures
{
    public static bool IsTransient(int status) => status is 0 or 408 or 429 or >= 500;
}
