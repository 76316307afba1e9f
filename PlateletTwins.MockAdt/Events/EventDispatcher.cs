using PlateletTwins.MockAdt.EventRoutes;
using PlateletTwins.MockAdt.History;

namespace PlateletTwins.MockAdt.Events;

/// <summary>Takes the changes in order, off the request path: to the event routes and into data history.</summary>
internal sealed partial class EventDispatcher(ChangeFeed feed, EventRouter router, DataHistory history, ILogger<EventDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in feed.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                history.Record(change);
                router.Route(change);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDispatchFailed(logger, ChangeCloudEvent.Type(change), ChangeCloudEvent.Subject(change), e);
            }
            feed.Done();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An event {Type} of {Subject} could not be routed or historized")]
    private static partial void LogDispatchFailed(ILogger logger, string type, string? subject, Exception exception);
}
