namespace PlateletTwins.Dtdl.Lab;

/// <summary>The Lab model of <c>dtdl/Lab.json</c>, named once for the solution (a test holds these to the model, both ways).</summary>
public static class LabModel
{
    public const string Id = "dtmi:platelettwins:Lab;1";

    public const string Name = "name";
    public const string Site = "site";

    /// <summary>Relationship: a device of the lab.</summary>
    public const string Contains = "contains";
}
