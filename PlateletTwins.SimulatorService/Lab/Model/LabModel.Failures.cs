using PlateletTwins.SimulatorService.Devices;
using PlateletTwins.SimulatorService.Lab.Configuration;

namespace PlateletTwins.SimulatorService.Lab.Model;

/// <summary>Failures and repairs: time to failure runs in busy time (storage: calendar time, not during repair).</summary>
internal sealed partial class LabModel
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
            if (device.ChangedThisInstant && device.FollowFailureClock(Time))
            {
                ScheduleFailureCheck(device);
            }
        }
    }

    private void ScheduleFailureCheck(DeviceRuntime device) =>
        device.AwaitFailureCheck(_simulation.Schedule(device.BusyTimeToFailure(Time), () => CheckFailure(device)));

    private void CheckFailure(DeviceRuntime device)
    {
        device.FailureCheckCame();
        if (!device.FailureClockRunning)
        {
            // Not running now: the clock is checked again when it runs.
            return;
        }
        if (device.FailureDue(Time))
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
        device.Fail(Time);
        _events?.Invoke(new DeviceEvent(device.Id, Time, DeviceEventType.Failed, $"failure {device.Statistics.Failures}"));
        foreach (var slot in device.Slots)
        {
            if (slot.State != SlotState.Working)
            {
                continue;
            }
            switch (device.Config.OnFailure)
            {
                case FailurePolicy.Scrap:
                    // Pools inside leave at the failure instant.
                    var scrapped = slot.Items.OfType<Pool>().Count();
                    Statistics.PoolsScrapped += scrapped;
                    Statistics.Pools.Change(Time, -scrapped);
                    _events?.Invoke(new DeviceEvent(device.Id, Time, DeviceEventType.PoolsScrapped, $"{scrapped} pool(s) inside at the failure"));
                    foreach (var pool in slot.Items.OfType<Pool>())
                    {
                        EndPool(pool, PoolOutcome.Scrapped, $"{device.Id} failed");
                    }
                    device.Scrap(slot, Time);
                    break;
                default:
                    device.Pause(slot, Time);
                    break;
            }
        }
        _simulation.Schedule(device.Config.Repair!.Sample(device.RepairTimes), () => Repair(device));
    }

    private void Repair(DeviceRuntime device)
    {
        device.Repair(Time);
        _events?.Invoke(new DeviceEvent(device.Id, Time, DeviceEventType.Repaired, $"after {Time - device.FailedSince:0.#} min"));
        foreach (var slot in device.Slots.Where(s => s.State == SlotState.Paused))
        {
            var duration = device.Config.OnFailure == FailurePolicy.Restart
                ? device.Config.Cycle.Sample(device.CycleTimes)
                : slot.Remaining;
            StartWork(device, slot, duration);
        }
    }

    /// <summary>A batch device waiting for its batch to fill must look again when the oldest queued item has waited long enough.</summary>
    private void ScheduleBatchWakes()
    {
        foreach (var buffer in _batchBuffers)
        {
            if (buffer.BookBatchWake(Time) is { } wakeAt)
            {
                _simulation.Schedule(wakeAt - Time, buffer.Wake);
            }
        }
    }
}
