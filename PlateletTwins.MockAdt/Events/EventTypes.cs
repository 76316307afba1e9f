namespace PlateletTwins.MockAdt.Events;

/// <summary>The CloudEvents types ADT emits, as route filters name them.</summary>
internal static class EventTypes
{
    public const string TwinCreate = "Microsoft.DigitalTwins.Twin.Create";
    public const string TwinUpdate = "Microsoft.DigitalTwins.Twin.Update";
    public const string TwinDelete = "Microsoft.DigitalTwins.Twin.Delete";
    public const string RelationshipCreate = "Microsoft.DigitalTwins.Relationship.Create";
    public const string RelationshipUpdate = "Microsoft.DigitalTwins.Relationship.Update";
    public const string RelationshipDelete = "Microsoft.DigitalTwins.Relationship.Delete";
    public const string Telemetry = "microsoft.iot.telemetry";
}
