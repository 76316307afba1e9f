namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>The flow's checks: buffers and devices as a graph, with no cycle, everything reached, each kind of item where the lab model takes it.</summary>
public static partial class LabValidator
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
                next[BufferNode(buffer)] = [.. lab.Devices.Where(d => d.Input == buffer).Select(d => DeviceNode(d.Id)).Distinct(StringComparer.Ordinal)];
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
                var consumers = lab.Devices.Where(d => d.Input == buffer.Id).ToList();
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

        private static List<string>? FindCycle(Dictionary<string, List<string>> next)
        {
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            var path = new List<string>();
            List<string>? Visit(string node)
            {
                state[node] = 1;
                path.Add(node);
                foreach (var target in next[node])
                {
                    if (state.GetValueOrDefault(target) == 1)
                    {
                        return [.. path.Skip(path.IndexOf(target)), target];
                    }
                    if (state.GetValueOrDefault(target) == 0 && Visit(target) is { } found)
                    {
                        return found;
                    }
                }
                path.RemoveAt(path.Count - 1);
                state[node] = 2;
                return null;
            }
            foreach (var node in next.Keys)
            {
                if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
                {
                    return cycle;
                }
            }
            return null;
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
