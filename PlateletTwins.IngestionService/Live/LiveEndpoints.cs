using PlateletTwins.Http;

namespace PlateletTwins.IngestionService.Live;

/// <summary>
/// The live lab view: <c>/live/</c> (the page; <c>?lab=</c> chooses the lab), <c>/live/snapshot</c> (what ADT has now
/// of a lab; <c>?lab=</c> chooses it, else the latest run's) and <c>/live/events</c> (each acknowledged change of every
/// lab as a Server-Sent Event). Read-only and without the intake key, so a browser can open it.
/// </summary>
internal static class LiveEndpoints
{
    public static void MapLiveView(this IEndpointRouteBuilder app)
    {
        app.MapGet("/live/snapshot", (LiveLab live, string? lab) => Results.Text(live.Snapshot(lab).ToJsonString(), "application/json"));
        app.MapGet("/live/events", (HttpContext context, LiveLab lab) => context.WriteServerSentEventsAsync(lab.SubscribeAsync));
        // With or without the trailing slash (routing matches both); the page names its assets by absolute path.
        app.MapGet("/live/{file?}", (string? file) =>
            Pages.Asset(typeof(LiveEndpoints).Assembly, "Live", string.IsNullOrEmpty(file) ? "index.html" : file));
    }
}
