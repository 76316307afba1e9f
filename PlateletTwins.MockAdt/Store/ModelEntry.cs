using PlateletTwins.Dtdl.Model;

namespace PlateletTwins.MockAdt.Store;

/// <summary>A stored model: its parsed interface, its DTDL as uploaded, and ADT's bookkeeping.</summary>
internal sealed record ModelEntry(DtdlInterface Interface, DateTimeOffset UploadTime, bool Decommissioned)
{
    public string Id => Interface.Id;
}
