namespace PlateletTwins.SimulatorService.Lab;

/// <summary>A device of the lab: its twin id, its type (which names its DTDL model) and its slots.</summary>
public sealed record DeviceSpec(string Id, string Type, int Capacity);
