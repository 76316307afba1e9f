using System.Globalization;
using System.Text.Json;
using PlateletTwins.Dtdl;
using static PlateletTwins.SimulatorService.Lab.Configuration.LabLimits;

namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>
/// Checks that a lab can run before it does: every problem found, each naming its element (<c>device 'x'</c>,
/// <c>buffer 'y'</c>, <c>deliveries[2]</c>), so that a lab file is fixed in one pass. The flow's rules follow what the
/// lab model does with items: whole-blood units go to separators, buffy coats rest in a rack that sterile connectors
/// take from, and only pools are released or scrapped.
/// </summary>
internal static partial class LabValidator
{
    private const string Released = LabConfig.Released;

    public static IReadOnlyList<string> Validate(LabConfig lab)
    {
        var errors = new List<string>();
        new Checks(lab, errors).Run();
        return errors;
    }

    /// <summary>
    /// Lists longer than <see cref="LabLimits"/> allows, checked before anything else: the other checks take time in
    /// proportion to the lab's size, and its size is what is wrong.
    /// </summary>
    public static IReadOnlyList<string> TooLong(int devices, int buffers, int deliveries, int aboGroups)
    {
        var errors = new List<string>();
        foreach (var (field, count, max) in new[] { ("devices", devices, MaxDevices), ("buffers", buffers, MaxBuffers), ("deliveries", deliveries, MaxDeliveries), ("aboShares", aboGroups, MaxAboGroups) })
        {
            if (count > max)
            {
                var what = field == "aboShares" ? "groups" : field;
                errors.Add($"{field}: {count} {what}; a lab has at most {max}");
            }
        }
        return errors;
    }

    private sealed partial class Checks(LabConfig lab, List<string> errors)
    {
        private readonly Dictionary<string, DeviceConfig> _devices = lab.Devices.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        private readonly Dictionary<string, BufferConfig> _buffers = lab.Buffers.GroupBy(b => b.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        // An input, output or delivery naming nothing: what is downstream of it gets no items, which says nothing more.
        private bool _brokenReference;

        public void Run()
        {
            errors.AddRange(TooLong(lab.Devices.Count, lab.Buffers.Count, lab.Deliveries.Count, lab.AboShares.Count));
            if (errors.Count > 0)
            {
                return;
            }
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
            if (!TwinIds.IsValid(lab.Id))
            {
                errors.Add($"id '{lab.Id}': a lab id is a twin id: {TwinIds.Rule}");
            }
            else if (lab.Id.Length > MaxLabIdLength)
            {
                errors.Add($"id '{lab.Id}': {lab.Id.Length} characters; a lab id has at most {MaxLabIdLength}, so that its twins' ids, which begin with it, fit in {TwinIds.MaxLength}");
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
            PositiveMinutes("expiryMinutes", lab.ExpiryMinutes);
            InRange("minRestMinutes", lab.MinRestMinutes, 0, MaxMinutes);
            InRange("poolSize", lab.PoolSize, 1, MaxPoolSize);
            PositiveMinutes("poolShelfLifeMinutes", lab.PoolShelfLifeMinutes);
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
            if (!TwinIds.IsValid(buffer.Id) || buffer.Id == Released)
            {
                errors.Add($"{name}: an id is a twin id ({TwinIds.Rule}), and not '{Released}'");
            }
            if (buffer.Capacity is < 1 or > MaxBufferCapacity)
            {
                errors.Add($"{name}: capacity {buffer.Capacity} is out of range: a buffer holds 1 to {MaxBufferCapacity} items");
            }
            else
            {
                Rack(buffer, name);
            }
        }

        /// <summary>
        /// A sterile connector takes poolSize buffy coats of one ABO group (LabModel's PoolGroup). A rack holding
        /// poolSize − 1 of every group is full and holds no pool: nothing enters, nothing leaves, the line stops. One
        /// coat more than that, and a full rack holds poolSize of some group. Every group listed counts: one whose
        /// share is 0 can still draw a coat when the others add up to a hair under 1.
        /// </summary>
        private void Rack(BufferConfig buffer, string name)
        {
            if (lab.PoolSize is < 1 or > MaxPoolSize || lab.Devices.FirstOrDefault(d => d.Role == DeviceRole.SterileConnector && d.Input == buffer.Id) is not { } connector)
            {
                return;
            }
            var groups = lab.AboShares.Count;
            var minimum = (lab.PoolSize - 1) * groups + 1;
            if (buffer.Capacity < minimum)
            {
                errors.Add($"{name}: capacity {buffer.Capacity} can stall the line: sterile connector '{connector.Id}' takes {lab.PoolSize} buffy coats of one ABO group from it, "
                    + $"and with {lab.PoolSize - 1} of each of the {groups} groups ({(lab.PoolSize - 1) * groups} in all) it is full and none can pool. "
                    + $"A rack needs at least (poolSize − 1) × groups + 1 = {minimum}");
            }
        }

        private void Device(DeviceConfig device)
        {
            var name = $"device '{device.Id}'";
            if (!TwinIds.IsValid(device.Id) || device.Id == Released)
            {
                errors.Add($"{name}: an id is a twin id ({TwinIds.Rule}), and not '{Released}'");
            }
            else if (TwinIds.InLab(lab.Id, device.Id) is var twinId && twinId.Length > TwinIds.MaxLength)
            {
                errors.Add($"{name}: its twin id '{twinId}' (the lab's id, a dot, the device's) has {twinId.Length} characters; at most {TwinIds.MaxLength}");
            }
            if (!DeviceTypes.All.Contains(device.Type, StringComparer.Ordinal))
            {
                errors.Add($"{name}: type '{device.Type}' is not a device type (one of {string.Join(", ", DeviceTypes.All)})");
            }
            if (device.Capacity is < 1 or > MaxDeviceCapacity)
            {
                errors.Add($"{name}: capacity {device.Capacity} is out of range: a device holds 1 to {MaxDeviceCapacity} items");
            }
            BatchRule(device, name);
            Input(device, name);
            Output(device, name);
            Distribution($"{name}: cycle", device.Cycle, MinScaleMinutes);
            if ((device.TimeToFailure is null) != (device.Repair is null))
            {
                errors.Add($"{name}: timeToFailure and repair go together (both, or neither for a device that never fails)");
            }
            if (device.TimeToFailure is { } failure)
            {
                Distribution($"{name}: timeToFailure", failure, MinTimeToFailureMinutes);
            }
            if (device.Repair is { } repair)
            {
                Distribution($"{name}: repair", repair, MinScaleMinutes);
            }
            if (device.Position is { Length: not 3 })
            {
                errors.Add($"{name}: position has {device.Position.Length} numbers; it is [x, y, z] in metres");
            }
            else if (device.Position is { } position && !position.All(v => v >= -MaxPositionMetres && v <= MaxPositionMetres))
            {
                errors.Add($"{name}: position [{string.Join(", ", position.Select(Number))}] is out of range: each of x, y, z from {Number(-MaxPositionMetres)} to {Number(MaxPositionMetres)} metres");
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
            if (device.MaxWaitMinutes is { } wait)
            {
                InRange($"{name}: maxWaitMinutes", wait, 0, MaxMinutes);
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
            else if (!_buffers.ContainsKey(input))
            {
                errors.Add($"{name}: input '{input}' is not a buffer of the lab (buffers: {Names(_buffers.Keys)})");
                _brokenReference = true;
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
                if (delivery.Count is < 1 or > MaxDeliveryCount)
                {
                    errors.Add($"{name}: count {delivery.Count} is out of range: a delivery brings 1 to {MaxDeliveryCount} units");
                }
                if (!(delivery.CollectedMinMinutesBefore >= 0 && delivery.CollectedMaxMinutesBefore >= delivery.CollectedMinMinutesBefore && delivery.CollectedMaxMinutesBefore <= MaxMinutes))
                {
                    errors.Add($"{name}: collected {Number(delivery.CollectedMinMinutesBefore)} to {Number(delivery.CollectedMaxMinutesBefore)} minutes before; 0 ≤ collectedMinMinutesBefore ≤ collectedMaxMinutesBefore ≤ {Number(MaxMinutes)}");
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

        /// <summary>
        /// A distribution of durations within <see cref="LabLimits"/>: every value from 0 to the longest duration, and a
        /// scale (the mean of exp and lognormal, the max of tri and uniform) of at least <paramref name="minScale"/>.
        /// NaN fails every comparison, so each test is written to pass only for numbers in range.
        /// </summary>
        private void Distribution(string name, DistributionConfig? distribution, double minScale)
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
            var max = Number(MaxMinutes);
            var scale = minScale > 0 ? Number(minScale) : "0";
            var problem = distribution switch
            {
                { Triangular: { } t } => t is [var a, var m, var b] && a >= 0 && a <= m && m <= b && b <= MaxMinutes && b >= minScale ? null
                    : $"tri is [min, mode, max] with 0 ≤ min ≤ mode ≤ max ≤ {max} and max ≥ {scale}",
                { LogNormal: { } l } => l is [var mean, var sd] && mean >= minScale && mean <= MaxMinutes && sd >= 0 && sd <= MaxLogNormalSdPerMean * mean ? null
                    : $"lognormal is [mean, sd] with {scale} ≤ mean ≤ {max} and 0 ≤ sd ≤ {Number(MaxLogNormalSdPerMean)} × mean",
                { Exponential: { } e } => e >= minScale && e <= MaxMinutes ? null : $"exp is a mean from {scale} to {max}",
                { Uniform: { } u } => u is [var min, var most] && min >= 0 && min <= most && most <= MaxMinutes && most >= minScale ? null
                    : $"uniform is [min, max] with 0 ≤ min ≤ max ≤ {max} and max ≥ {scale}",
                _ => null,
            };
            if (problem is not null)
            {
                errors.Add($"{name}: {Written(distribution)} is out of range: {problem}");
            }
        }

        /// <summary>The distribution as a file writes it; by hand, as JSON cannot write the infinity a file's 1e400 reads as.</summary>
        private static string Written(DistributionConfig distribution)
        {
            static string List(double[] values) => $"[{string.Join(",", values.Select(Number))}]";
            return distribution switch
            {
                { Triangular: { } t } => $"{{\"tri\":{List(t)}}}",
                { LogNormal: { } l } => $"{{\"lognormal\":{List(l)}}}",
                { Exponential: { } e } => $"{{\"exp\":{Number(e)}}}",
                { Uniform: { } u } => $"{{\"uniform\":{List(u)}}}",
                _ => "{}",
            };
        }

        private void InRange(string field, double value, double min, double max)
        {
            if (!(value >= min && value <= max))
            {
                errors.Add($"{field} {Number(value)} is out of range: from {Number(min)} to {Number(max)}");
            }
        }

        private void PositiveMinutes(string field, double value)
        {
            if (!(value > 0 && value <= MaxMinutes))
            {
                errors.Add($"{field} {Number(value)} is out of range: above 0, at most {Number(MaxMinutes)}");
            }
        }

        private static string RoleName(DeviceRole role) => JsonNamingPolicy.CamelCase.ConvertName(role.ToString());

        private static string Names(IEnumerable<string> ids) => string.Join(", ", ids);

        private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
