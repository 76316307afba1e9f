namespace PlateletTwins.MockAdt.Limits;

/// <summary>The rows of ADT's rate-limit table a request counts against.</summary>
internal enum ApiCategory
{
    DigitalTwinRead,
    DigitalTwinPatch,
    CreateOrDelete,
    Models,
    Query,
    EventRoutes,
    Jobs,
}
