using Azure;

namespace PlateletTwins.IngestionService.Adt;

/// <summary>Which failures of a call to ADT are worth trying again: throttling, timeouts, server errors and lost connections.</summary>
internal static class TransientFailures
{
    public static bool IsTransient(int status) => status is 0 or 408 or 429 or >= 500;

    /// <summary>
    /// Also what the pipeline throws when every attempt failed without an answer (an AggregateException of
    /// connection errors and timeouts), or a connection error of its own.
    /// </summary>
    public static bool IsTransient(Exception error) => error switch
    {
        RequestFailedException failed => IsTransient(failed.Status),
        AggregateException many => many.InnerExceptions.Count > 0 && many.InnerExceptions.All(IsTransient),
        HttpRequestException or IOException or TimeoutException or TaskCanceledException => true,
        _ => false,
    };
}
