using PlateletTwins.Dtdl.Lab;

namespace PlateletTwins.Tests.MockAdt.Pools;

/// <summary>
/// The queries the lab's people run about pools, in ADT's query language, as <c>docs/queries.md</c> shows them (a test
/// holds the two to each other). Each is checked against Learn's query reference: JOIN … RELATED pinned by a twin's
/// <c>$dtId</c> (source or target), projections of properties and collections, IS_OF_MODEL with a collection,
/// ARRAY_CONTAINS on a DTDL v3 array of strings, NIN, and comparisons of dateTime values, which ADT compares as the
/// strings they are (its query language has no date type).
/// </summary>
public static class PoolQueries
{
    private const string Pool = ProcessFlowModel.Id;

    /// <summary>Where is the pool: the device that holds it now (no row when none does, e.g. once released).</summary>
    public static string WhereIs(string poolTwinId) =>
        $"SELECT D FROM DIGITALTWINS P JOIN D RELATED P.{ProcessFlowModel.ProcessedBy} WHERE P.$dtId = '{poolTwinId}'";

    /// <summary>What does the device hold: the pools whose processedBy targets it, in it or in its input buffer.</summary>
    public static string HeldBy(string deviceId) =>
        $"SELECT P FROM DIGITALTWINS P JOIN D RELATED P.{ProcessFlowModel.ProcessedBy} WHERE D.$dtId = '{deviceId}'";

    /// <summary>How many pools the device holds, from its incoming relationships alone.</summary>
    public static string CountHeldBy(string deviceId) =>
        $"SELECT COUNT() FROM RELATIONSHIPS R WHERE R.$targetId = '{deviceId}' AND R.$relationshipName = '{ProcessFlowModel.ProcessedBy}'";

    /// <summary>
    /// The pools of a group still in the lab whose shelf life ends in [from, to): <paramref name="from"/> and
    /// <paramref name="to"/> in the properties' own format (UTC, <c>Z</c>), since ADT compares them as strings.
    /// </summary>
    public static string Expiring(string bloodGroup, string from, string to) =>
        $"SELECT P.$dtId, P.{ProcessFlowModel.PoolId}, P.{ProcessFlowModel.Stage}, P.{ProcessFlowModel.ExpiryTime} FROM DIGITALTWINS P " +
        $"WHERE IS_OF_MODEL(P, '{Pool}') AND P.{ProcessFlowModel.BloodGroup} = '{bloodGroup}' " +
        $"AND P.{ProcessFlowModel.ExpiryTime} >= '{from}' AND P.{ProcessFlowModel.ExpiryTime} < '{to}' " +
        $"AND P.{ProcessFlowModel.Stage} NIN ['{ProcessFlowModel.StageValues.Released}', '{ProcessFlowModel.StageValues.Scrapped}']";

    /// <summary>The route of a pool: every device it was handed to, in order, with the stage and when.</summary>
    public static string Route(string poolTwinId) =>
        $"SELECT P.{ProcessFlowModel.Route} FROM DIGITALTWINS P WHERE P.$dtId = '{poolTwinId}'";

    /// <summary>The donations of a pool: its five whole-blood units, oldest collection first.</summary>
    public static string Donations(string poolTwinId) =>
        $"SELECT P.{ProcessFlowModel.Donations} FROM DIGITALTWINS P WHERE P.$dtId = '{poolTwinId}'";

    /// <summary>The pool that took a donation (a buffy coat of one whole-blood unit goes into one pool).</summary>
    public static string TookDonation(string donationId) =>
        $"SELECT P.$dtId, P.{ProcessFlowModel.PoolId} FROM DIGITALTWINS P WHERE IS_OF_MODEL(P, '{Pool}') AND ARRAY_CONTAINS(P.{ProcessFlowModel.Donations}, '{donationId}')";

    /// <summary>Every query with the example values of <c>docs/queries.md</c>, by name: twin ids as the simulator names them.</summary>
    public static IReadOnlyDictionary<string, string> Examples { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["whereIs"] = WhereIs(PoolDocuments.PoolTwinId(1)),
        ["heldBy"] = HeldBy(PoolDocuments.Agitator),
        ["countHeldBy"] = CountHeldBy(PoolDocuments.Agitator),
        ["expiring"] = Expiring("O", "2026-01-05T08:00:00.000Z", "2026-01-06T08:00:00.000Z"),
        ["route"] = Route(PoolDocuments.PoolTwinId(1)),
        ["donations"] = Donations(PoolDocuments.PoolTwinId(1)),
        ["tookDonation"] = TookDonation("WB000042"),
    };
}
