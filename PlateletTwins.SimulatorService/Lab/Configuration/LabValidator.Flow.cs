namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>The flow's checks: buffers and devices as a graph, with no cycle, everything reached, each kind of item where the lab model takes it.</summary>
internal static partial class LabValidator
{
    [Flags]
    private enum Kind
    {
        None = 0,
        WholeBlood = 1,
        BuffyCoat = 2,
        Pool = 4,
    }

    private sealed partial class Checks
    {
        /// <summary>The flow as a graph of buffers and devices: no cycle, everything reached, each kind of item where it belongs.</summary>
        private void Flow()
        {
            var next = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var buffer in _buffers.Keys)
            {
                next[BufferNode(buffer)] = [];
            }
            // Each buffer leads to the devices taking from it, in the lab's order, each id once.
            var edges = new HashSet<(string, string)>();
            foreach (var device in lab.Devices)
            {
                if (device.Input is { } input && next.TryGetValue(BufferNode(input), out var consumers) && edges.Add((input, device.Id)))
                {
                    consumers.Add(DeviceNode(device.Id));
                }
            }
            foreach (var device in _devices.Values)
            {
                next[DeviceNode(device.Id)] = _buffers.ContainsKey(device.Output) ? [BufferNode(device.Output)]
                    : _devices.ContainsKey(device.Output) && device.Output != device.Id ? [DeviceNode(device.Output)]
                    : [];
            }
            if (FindCycle(next) is { } cycle)
            {
                errors.Add($"the flow has a cycle: {string.Join(" → ", cycle.Select(NodeName))}; items move on towards '{Released}', never back");
                return;
            }
            if (!lab.Devices.Any(d => d.Output == Released))
            {
                errors.Add($"no device has output '{Released}': the lab releases no pool");
            }

            var kinds = next.Keys.ToDictionary(n => n, _ => Kind.None, StringComparer.Ordinal);
            foreach (var arrival in lab.ArrivalBuffers().Where(_buffers.ContainsKey))
            {
                kinds[BufferNode(arrival)] = Kind.WholeBlood;
            }
            foreach (var node in TopologicalOrder(next))
            {
                var leaving = node.StartsWith("device:", StringComparison.Ordinal) ? Transform(_devices[node[7..]], kinds[node]) : kinds[node];
                foreach (var target in next[node])
                {
                    kinds[target] |= leaving;
                }
            }

            var consumersOf = lab.Devices.Where(d => d.Input is not null).GroupBy(d => d.Input!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            foreach (var buffer in lab.Buffers.Where(b => _buffers[b.Id] == b))
            {
                var kind = kinds[BufferNode(buffer.Id)];
                var name = $"buffer '{buffer.Id}'";
                if (kind == Kind.None)
                {
                    if (!_brokenReference)
                    {
                        errors.Add($"{name}: nothing fills it: it is neither a delivery's buffer nor a device's output");
                    }
                }
                else if (!IsOneKind(kind))
                {
                    errors.Add($"{name}: receives {KindName(kind)}; a buffer holds one kind of item");
                }
                var consumers = consumersOf.GetValueOrDefault(buffer.Id) ?? [];
                if (consumers.Count == 0)
                {
                    errors.Add($"{name}: no device takes from it (no device has input '{buffer.Id}')");
                }
                if (kind.HasFlag(Kind.BuffyCoat) && consumers.FirstOrDefault(c => c.Role != DeviceRole.SterileConnector) is { } other)
                {
                    errors.Add($"{name}: holds buffy coats, which only a device of role 'sterileConnector' takes, but device '{other.Id}' has role '{RoleName(other.Role)}'");
                }
            }
            foreach (var device in lab.Devices.Where(d => _devices[d.Id] == d))
            {
                var kind = kinds[DeviceNode(device.Id)];
                var name = $"device '{device.Id}'";
                if (kind == Kind.None)
                {
                    // Its input or hand-off is reported already when it is missing; otherwise nothing upstream is filled.
                    if (!_brokenReference && (device.Input is null ? lab.Devices.Any(d => d.Output == device.Id) : _buffers.ContainsKey(device.Input)))
                    {
                        errors.Add($"{name}: gets no items: no delivery reaches it");
                    }
                    continue;
                }
                if (device.Role == DeviceRole.Separator && kind != Kind.WholeBlood)
                {
                    errors.Add($"{name}: a separator takes whole-blood units, but it receives {KindName(kind)}");
                }
                if (device.Role == DeviceRole.SterileConnector && kind != Kind.BuffyCoat)
                {
                    errors.Add($"{name}: a sterile connector takes buffy coats, but it receives {KindName(kind)}");
                }
                var leaving = Transform(device, kind);
                if (device.Output == Released && leaving != Kind.Pool)
                {
                    errors.Add($"{name}: its output is '{Released}', but it finishes {KindName(leaving)}; only pools are released (whole blood → separator → buffy coats → sterileConnector → pools)");
                }
                if (device.OnFailure == FailurePolicy.Scrap && kind != Kind.Pool)
                {
                    errors.Add($"{name}: onFailure 'scrap' scraps pools, but it holds {KindName(kind)}; use 'resume' or 'restart'");
                }
            }
        }

        private static Kind Transform(DeviceConfig device, Kind entering) => device.Role switch
        {
            DeviceRole.Separator when entering != Kind.None => Kind.BuffyCoat,
            DeviceRole.SterileConnector when entering != Kind.None => Kind.Pool,
            _ => entering,
        };

        /// <summary>
        /// A cycle of the graph, from its first node back to it, or null: a depth-first search with a stack of its own
        /// (a flow as long as the limits allow would overflow a recursion), each node and edge visited once.
        /// </summary>
        private static List<string>? FindCycle(Dictionary<string, List<string>> next)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var path = new List<string>();
            var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
            // The next edge to follow of each node on the path.
            var edges = new Stack<int>();
            foreach (var root in next.Keys)
            {
                if (seen.Contains(root))
                {
                    continue;
                }
                Enter(root);
                while (path.Count > 0)
                {
                    var node = path[^1];
                    var edge = edges.Pop();
                    if (edge == next[node].Count)
                    {
                        onPath.Remove(node);
                        path.RemoveAt(path.Count - 1);
                        continue;
                    }
                    edges.Push(edge + 1);
                    var target = next[node][edge];
                    if (onPath.TryGetValue(target, out var at))
                    {
                        return [.. path.Skip(at), target];
                    }
                    if (!seen.Contains(target))
                    {
                        Enter(target);
                    }
                }
            }
            return null;

            void Enter(string node)
            {
                seen.Add(node);
                onPath[node] = path.Count;
                path.Add(node);
                edges.Push(0);
            }
        }

        private static List<string> TopologicalOrder(Dictionary<string, List<string>> next)
        {
            var incoming = next.Keys.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
            foreach (var target in next.Values.SelectMany(t => t))
            {
                incoming[target]++;
            }
            var ready = new Queue<string>(incoming.Where(p => p.Value == 0).Select(p => p.Key));
            var order = new List<string>();
            while (ready.TryDequeue(out var node))
            {
                order.Add(node);
                foreach (var target in next[node])
                {
                    if (--incoming[target] == 0)
                    {
                        ready.Enqueue(target);
                    }
                }
            }
            return order;
        }

        private static bool IsOneKind(Kind kind) => kind is Kind.WholeBlood or Kind.BuffyCoat or Kind.Pool;

        private static string KindName(Kind kind) => string.Join(" and ", new[]
        {
            (Kind.WholeBlood, "whole-blood units"), (Kind.BuffyCoat, "buffy coats"), (Kind.Pool, "pools"),
        }.Where(k => kind.HasFlag(k.Item1)).Select(k => k.Item2));

        // "buffer:" and "device:" are both 7 characters.
        private static string NodeName(string node) => node[7..];

        private static string BufferNode(string id) => $"buffer:{id}";

        private static string DeviceNode(string id) => $"device:{id}";
    }
}
