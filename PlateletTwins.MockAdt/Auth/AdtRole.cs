namespace PlateletTwins.MockAdt.Auth;

/// <summary>The two data-plane roles of Azure Digital Twins.</summary>
internal enum AdtRole
{
    /// <summary>Azure Digital Twins Data Reader: read and query, no writes.</summary>
    DataReader,

    /// <summary>Azure Digital Twins Data Owner: full read and write.</summary>
    DataOwner,
}
