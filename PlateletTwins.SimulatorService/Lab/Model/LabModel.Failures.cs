using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Configuration;

namespace PlateletTwins.SimulatorService.Lab.Model;

/// <summary>Failures and repairs: time to failure runs in busy time (storage: calendar time, not during repair).</summary>
public sealed partial class LabModel
{
    /// <summary>
    /// Starts or stops each changed device's failure clock by whether it is running at the end of this instant. Stopping
    /// leaves the clock's check on the calendar: when it comes, it fails the device or, if the busy time is not yet
    /// reached, checks again later. One check per device, instead of a cancelled event at every idle spell.
    /// </summary>
    private void ArmFailures()
    {
        foreach (var device in _devices)
        {
            if (!device.Touched)
            {
                continue;
            }
            var running = !device.Failed && (device.Config.Role == DeviceRole.Storage || device.Status == DeviceStatus.Processing);
            var wasRunning = !double.IsNaN(device.BusySince);
            if (running && !wasRunning)
            {
                device.BusySince = Time;
                if (device.FailureCheck is null && double.IsFinite(device.TimeToFailure))
                {
                    ScheduleFailureCheck(device);
                }
            }
            else if (!running && wasRunning)
            {
                device.BusyAccumulated += Time - device.BusySince;
                device.BusySince = double.NaN;
            }
        }
    }

    private void ScheduleFailureCheck(DeviceRuntime device)
    {
        var remaining = Math.Max(0, device.TimeToFailure - device.BusyAccumulated - (Time - device.BusySince));
        device.FailureCheck = _simulation.Schedule(remaining, () => CheckFailure(device));
    }

    private void CheckFailure(DeviceRuntime device)
    {
        device.FailureCheck = null;
        if (double.IsNaN(device.BusySince))
        {
            // Not running now: the clock is checked again when it runs.
            return;
        }
        var busy = device.BusyAccumulated + (Time - device.BusySince);
        if (busy + Epsilon >= device.TimeToFailure)
        {
            Fail(device);
        }
        else
        {
            ScheduleFailureCheck(device);
        }
    }

    private void Fail(DeviceRuntime device)
    {
        device.BusySince = double.NaN;
        device.Failed = true;
        device.FailedSince = Time;
        device.Statistics.Failures++;
        device.Touched = true;
        _events?.Invoke(new DeviceEvent(device.Id, Time, "Failed", $"failure {device.Statistics.Failures}"));
        foreach (var slot in device.Slots)
        {
            if (slot.State != SlotState.Working)
            {
                continue;
            }
            slot.End!.Cancel();
            slot.End = null;
            switch (device.Config.OnFailure)
            {
                case FailurePolicy.Scrap:
                    // Pools inside leave at the failure instant.
                    var scrapped = slot.Items.OfType<Pool>().Count();
                    Statistics.PoolsScrapped += scrapped;
                    Statistics.Pools.Change(Time, -scrapped);
                    _events?.Invoke(new DeviceEvent(device.Id, Time, "PoolsScrapped", $"{scrapped} pool(s) inside at the failure"));
                    foreach (var pool in slot.Items.OfType<Pool>())
                    {
                        EndPool(pool, PoolOutcome.Scrapped, $"{device.Id} failed");
                    }
                    device.ClearItems(slot);
                    device.SetState(slot, SlotState.Empty);
                    break;
                default:
                    slot.Remaining = slot.EndTime - Time;
                    device.SetState(slot, SlotState.Paused);
                    break;
            }
        }
        _simulation.Schedule(device.Config.Repair!.Sample(device.RepairTimes), () => Repair(device));
    }

    private void Repair(DeviceRuntime device)
    {
        device.Failed = false;
        device.Statistics.DowntimeMinutes += Time - device.FailedSince;
        _events?.Invoke(new DeviceEvent(device.Id, Time, "Repaired", $"after {Time - device.FailedSince:0.#} min"));
        // A fresh draw after every repair.
        device.TimeToFailure = device.Config.TimeToFailure!.Sample(device.FailureTimes);
        device.BusyAccumulated = 0;
        device.Touched = true;
        foreach (var slot in device.Slots.Where(s => s.State == SlotState.Paused))
        {
            var duration = device.Config.OnFailure == FailurePolicy.Restart
                ? device.Config.Cycle.Sample(device.CycleTimes)
                : slot.Remaining;
            StartWork(device, slot, duration);
        }
        if (device.HasFreeSlot)
        {
            device.ReadySince = Time;
        }
        if (device.Input is { } input)
        {
            input.Dirty = true;
        }
    }

    /// <summary>A batch device waiting for its batch to fill must look again when the oldest queued item has waited long enough.</summary>
    private void ScheduleBatchWakes()
    {
        foreach (var buffer in _batchBuffers)
        {
            if (buffer.Count == 0 || !Array.Exists(buffer.Consumers, c => c.IsEmpty && !c.Failed))
            {
                continue;
            }
            var wait = buffer.BatchWait!.Value;
            var wakeAt = buffer.OldestEntry() + wait;
            if (wakeAt > Time && !(buffer.WakeAt > Time && buffer.WakeAt <= wakeAt))
            {
                buffer.WakeAt = wakeAt;
                _simulation.Schedule(wakeAt - Time, buffer.Wake);
            }
        }
    }
}
