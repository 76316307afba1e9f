using System.Collections.Concurrent;
using PlateletTwins.MockAdt.Persistence;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>The instance's event routes, at most <see cref="MaxRoutes"/> as on ADT.</summary>
internal sealed class EventRouteStore(IStateJournal journal)
{
    public const int MaxRoutes = 6;

    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, EventRoute> _routes = new(StringComparer.Ordinal);
    // Read for every change the instance makes: kept as a ready list, rebuilt when a route comes or goes.
    private volatile EventRoute[] _list = [];

    public EventRoute? Get(string id) => _routes.GetValueOrDefault(id);

    public IReadOnlyList<EventRoute> List() => _list;

    /// <summary>Adds or replaces a route; false when it is new and the instance has its maximum already.</summary>
    public bool Put(EventRoute route)
    {
        lock (_lock)
        {
            if (!_routes.ContainsKey(route.Id) && _routes.Count >= MaxRoutes)
            {
                return false;
            }
            _routes[route.Id] = route;
            _list = [.. _routes.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];
            journal.RouteChanged(route.Id);
            return true;
        }
    }

    public bool Remove(string id)
    {
        lock (_lock)
        {
            var removed = _routes.TryRemove(id, out _);
            _list = [.. _routes.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];
            if (removed)
            {
                journal.RouteChanged(id);
            }
            return removed;
        }
    }

    /// <summary>Puts back a route read from the data directory at start, not journaled again.</summary>
    internal void Restore(EventRoute route)
    {
        lock (_lock)
        {
            _routes[route.Id] = route;
            _list = [.. _routes.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];
        }
    }
}
