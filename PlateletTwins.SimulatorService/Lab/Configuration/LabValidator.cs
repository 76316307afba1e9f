using System.Globalization;
using System.Text.Json;

namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>
/// Checks that a lab can run before it does: every problem found, each naming its element (<c>device 'x'</c>,
/// <c>buffer 'y'</c>, <c>deliveries[2]</c>), so that a lab file is fixed in one pass. The flow's rules follow what the
/// lab model does with items: whole-blood units go to separators, buffy coats rest in a rack that sterile connectors
/// take from, and only pools are released or scrapped.
/// </summary>
public static partial class LabValidator
{
    private const string Released = LabConfig.Released;

    private static readonly JsonSerializerOptions Compact = new(LabFile.Options) { WriteIndented = false };

    public static IReadOnlyList<string> Validate(LabConfig lab)
    {
        var errors = new List<string>();
        new Checks(lab, errors).Run();
        return errors;
    }

    /// <summary>Twin ids as the ingestion service takes them: letters, digits and <c>- . _ ~ :</c>, at most 128.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or ':');

    private sealed partial class Checks(LabConfig lab, List<string> errors)
    {
        private readonly Dictionary<string, DeviceConfig> _devices = lab.Devices.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        private readonly Dictionary<string, BufferConfig> _buffers = lab.Buffers.GroupBy(b => b.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        // An input, output or delivery naming nothing: what is downstream of it gets no items, which says nothing more.
        private bool _brokenReference;

        public void Run()
        {
            Lab();
            Ids();
            foreach (var buffer in lab.Buffers)
            {
                Buffer(buffer);
            }
            foreach (var device in lab.Devices)
            {
                Device(device);
            }
            Deliveries();
            Flow();
        }

        private void Lab()
        {
            if (!IsValidId(lab.Id))
            {
                errors.Add($"id '{lab.Id}': a lab id is 1 to 128 letters, digits and - . _ ~ :");
            }
            if (lab.AboShares.Count == 0)
            {
                errors.Add("aboShares: at least one ABO group is needed");
            }
            foreach (var group in lab.AboShares.GroupBy(a => a.Group, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                errors.Add($"aboShares: group '{group.Key}' is listed {group.Count()} times");
            }
            foreach (var share in lab.AboShares.Where(a => !(a.Share >= 0 && a.Share <= 1)))
            {
                errors.Add($"aboShares: group '{share.Group}' has share {Number(share.Share)}; a share is between 0 and 1");
            }
            var total = lab.AboShares.Sum(a => a.Share);
            if (lab.AboShares.Count > 0 && Math.Abs(total - 1) > 1e-6)
            {
                errors.Add($"aboShares: the shares add up to {Number(total)}, not 1");
            }
            InRange("eligibleShare", lab.EligibleShare, 0, 1);
            Positive("expiryMinutes", lab.ExpiryMinutes);
            InRange("minRestMinutes", lab.MinRestMinutes, 0, double.MaxValue);
            if (lab.PoolSize < 1)
            {
                errors.Add($"poolSize {lab.PoolSize}: a pool takes at least 1 buffy coat");
            }
            Positive("poolShelfLifeMinutes", lab.PoolShelfLifeMinutes);
        }

        private void Ids()
        {
            foreach (var id in lab.Devices.Select(d => d.Id).Concat(lab.Buffers.Select(b => b.Id)).GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                errors.Add($"id '{id.Key}' is used {id.Count()} times: every device and buffer has an id of its own");
            }
        }

        private void Buffer(BufferConfig buffer)
        {
            var name = $"buffer '{buffer.Id}'";
            if (!IsValidId(buffer.Id) || buffer.Id == Released)
            {
                errors.Add($"{name}: an id is 1 to 128 letters, digits and - . _ ~ :, and not '{Released}'");
            }
            if (buffer.Capacity < 1)
            {
                errors.Add($"{name}: capacity {buffer.Capacity}; a buffer holds at least 1 item");
            }
        }

        private void Device(DeviceConfig device)
        {
            var name = $"device '{device.Id}'";
            if (!IsValidId(device.Id) || device.Id == Released)
            {
                errors.Add($"{name}: an id is 1 to 128 letters, digits and - . _ ~ :, and not '{Released}'");
            }
            if (!DeviceTypes.All.Contains(device.Type, StringComparer.Ordinal))
            {
                errors.Add($"{name}: type '{device.Type}' is not a device type (one of {string.Join(", ", DeviceTypes.All)})");
            }
            if (device.Capacity < 1)
            {
                errors.Add($"{name}: capacity {device.Capacity}; a device holds at least 1 item");
            }
            BatchRule(device, name);
            Input(device, name);
            Output(device, name);
            Distribution($"{name}: cycle", device.Cycle);
            if ((device.TimeToFailure is null) != (device.Repair is null))
            {
                errors.Add($"{name}: timeToFailure and repair go together (both, or neither for a device that never fails)");
            }
            if (device.TimeToFailure is { } failure)
            {
                Distribution($"{name}: timeToFailure", failure);
            }
            if (device.Repair is { } repair)
            {
                Distribution($"{name}: repair", repair);
            }
            if (device.Position is { Length: not 3 })
            {
                errors.Add($"{name}: position has {device.Position.Length} numbers; it is [x, y, z] in metres");
            }
        }

        private void BatchRule(DeviceConfig device, string name)
        {
            if (device.Role != DeviceRole.Batch)
            {
                foreach (var (field, set) in new[] { ("batchSize", device.BatchSize is not null), ("maxWaitMinutes", device.MaxWaitMinutes is not null) })
                {
                    if (set)
                    {
                        errors.Add($"{name}: {field} is a batch rule, and a device of role '{RoleName(device.Role)}' does not batch (only role 'batch' does)");
                    }
                }
                return;
            }
            if (device.BatchSize is { } size && (size < 1 || size > device.Capacity))
            {
                errors.Add($"{name}: batchSize {size} is out of range: from 1 to the capacity, {device.Capacity}");
            }
            if (device.MaxWaitMinutes is { } wait && !(wait >= 0 && double.IsFinite(wait)))
            {
                errors.Add($"{name}: maxWaitMinutes {Number(wait)}; a wait is 0 or more minutes");
            }
            if (device.MaxWaitMinutes is null && device.Input is { } input && _buffers.TryGetValue(input, out var buffer) && device.EffectiveBatchSize > buffer.Capacity)
            {
                errors.Add($"{name}: a batch of {device.EffectiveBatchSize} never fills buffer '{input}' of capacity {buffer.Capacity}, and no maxWaitMinutes starts a smaller one");
            }
        }

        private void Input(DeviceConfig device, string name)
        {
            if (device.Input is not { } input)
            {
                if (device.Role is DeviceRole.Batch or DeviceRole.Separator or DeviceRole.SterileConnector)
                {
                    errors.Add($"{name}: has no input; a device of role '{RoleName(device.Role)}' takes its work from a buffer");
                }
                else if (!lab.Devices.Any(d => d.Output == device.Id))
                {
                    errors.Add($"{name}: has no input: give it an input buffer, or make an upstream device's output '{device.Id}'");
                }
                return;
            }
            if (_devices.ContainsKey(input))
            {
                errors.Add($"{name}: input '{input}' is a device; an input is a buffer, and a direct hand-off is written as the upstream device's output");
            }
            else if (!_buffers.TryGetValue(input, out var buffer))
            {
                errors.Add($"{name}: input '{input}' is not a buffer of the lab (buffers: {Names(_buffers.Keys)})");
                _brokenReference = true;
            }
            else if (device.Role == DeviceRole.SterileConnector && buffer.Capacity < lab.PoolSize)
            {
                errors.Add($"{name}: input '{input}' holds {buffer.Capacity} buffy coats, fewer than the {lab.PoolSize} of a pool");
            }
        }

        private void Output(DeviceConfig device, string name)
        {
            var output = device.Output;
            if (output == Released || _buffers.ContainsKey(output))
            {
                return;
            }
            if (output == device.Id)
            {
                errors.Add($"{name}: output is the device itself");
            }
            else if (_devices.TryGetValue(output, out var next))
            {
                if (next.Role is DeviceRole.Batch or DeviceRole.Separator or DeviceRole.SterileConnector)
                {
                    errors.Add($"{name}: output '{output}' is a device of role '{RoleName(next.Role)}', which takes its work from a buffer: put a buffer between them");
                }
                else if (device.Role == DeviceRole.Separator)
                {
                    errors.Add($"{name}: output '{output}' is a device; a separator's buffy coats rest in a buffer that sterile connectors take from");
                }
            }
            else
            {
                errors.Add($"{name}: output '{output}' is neither a buffer, a device nor '{Released}' (buffers: {Names(_buffers.Keys)})");
                _brokenReference = true;
            }
        }

        private void Deliveries()
        {
            if (lab.Deliveries.Count == 0)
            {
                errors.Add("deliveries: a lab needs at least one daily delivery of whole blood");
            }
            for (var i = 0; i < lab.Deliveries.Count; i++)
            {
                var delivery = lab.Deliveries[i];
                var name = $"deliveries[{i}]";
                if (!(delivery.AtMinute >= 0 && delivery.AtMinute < 24 * 60))
                {
                    errors.Add($"{name}: atMinute {Number(delivery.AtMinute)} is out of range: a delivery comes daily, from 0 (07:00) to less than 1440 minutes after");
                }
                if (delivery.Count < 1)
                {
                    errors.Add($"{name}: count {delivery.Count}; a delivery brings at least 1 unit");
                }
                if (!(delivery.CollectedMinMinutesBefore >= 0 && delivery.CollectedMaxMinutesBefore >= delivery.CollectedMinMinutesBefore && double.IsFinite(delivery.CollectedMaxMinutesBefore)))
                {
                    errors.Add($"{name}: collected {Number(delivery.CollectedMinMinutesBefore)} to {Number(delivery.CollectedMaxMinutesBefore)} minutes before; 0 ≤ collectedMinMinutesBefore ≤ collectedMaxMinutesBefore");
                }
                var buffer = delivery.Buffer ?? lab.ArrivalBuffer;
                if (!_buffers.ContainsKey(buffer))
                {
                    var field = delivery.Buffer is null ? "arrivalBuffer" : "buffer";
                    errors.Add($"{name}: {field} '{buffer}' is not a buffer of the lab (buffers: {Names(_buffers.Keys)})");
                    _brokenReference = true;
                }
            }
        }

        private void Distribution(string name, DistributionConfig? distribution)
        {
            if (distribution is null)
            {
                errors.Add($"{name} is missing");
                return;
            }
            var given = new (string Field, bool Set)[]
            {
                ("tri", distribution.Triangular is not null), ("lognormal", distribution.LogNormal is not null),
                ("exp", distribution.Exponential is not null), ("uniform", distribution.Uniform is not null),
            }.Where(f => f.Set).Select(f => f.Field).ToList();
            if (given.Count != 1)
            {
                errors.Add($"{name} has {(given.Count == 0 ? "no distribution" : string.Join(" and ", given))}; it is exactly one of {{\"tri\": [min, mode, max]}}, {{\"lognormal\": [mean, sd]}}, {{\"exp\": mean}}, {{\"uniform\": [min, max]}} in minutes");
                return;
            }
            var problem = distribution switch
            {
                { Triangular: { } t } => t is [var a, var m, var b] && a >= 0 && a <= m && m <= b && b > 0 && double.IsFinite(b) ? null : "tri is [min, mode, max] with 0 ≤ min ≤ mode ≤ max and max > 0",
                { LogNormal: { } l } => l is [var mean, var sd] && mean > 0 && sd >= 0 && double.IsFinite(mean) && double.IsFinite(sd) ? null : "lognormal is [mean, sd] with mean > 0 and sd ≥ 0",
                { Exponential: { } e } => e > 0 && double.IsFinite(e) ? null : "exp is a mean above 0",
                { Uniform: { } u } => u is [var min, var max] && min >= 0 && min <= max && max > 0 && double.IsFinite(max) ? null : "uniform is [min, max] with 0 ≤ min ≤ max and max > 0",
                _ => null,
            };
            if (problem is not null)
            {
                errors.Add($"{name}: {JsonSerializer.Serialize(distribution, Compact)} is out of range: {problem}");
            }
        }

        private void InRange(string field, double value, double min, double max)
        {
            if (!(value >= min && value <= max))
            {
                errors.Add($"{field} {Number(value)} is out of range: from {Number(min)}{(max < double.MaxValue ? $" to {Number(max)}" : " up")}");
            }
        }

        private void Positive(string field, double value)
        {
            if (!(value > 0 && double.IsFinite(value)))
            {
                errors.Add($"{field} {Number(value)} is out of range: above 0");
            }
        }

        private static string RoleName(DeviceRole role) => JsonNamingPolicy.CamelCase.ConvertName(role.ToString());

        private static string Names(IEnumerable<string> ids) => string.Join(", ", ids);

        private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
