using PlateletTwins.Http;

namespace PlateletTwins.MockAdt.Explorer;

/// <summary>
/// <c>/mockadt/explorer/</c>: a page to look into the emulator (models, the twin graph, a twin and its history, queries,
/// live changes). Static files from the assembly; the page itself talks to MockAdt's ADT API with a token MockAdt issues.
/// </summary>
internal static class ExplorerHandlers
{
    public static void MapExplorerHandlers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect("/mockadt/explorer/"));
        // With or without the trailing slash (routing matches both); the page names its assets by absolute path.
        app.MapGet("/mockadt/explorer/{file?}", (string? file) =>
            Pages.Asset(typeof(ExplorerHandlers).Assembly, "Explorer", string.IsNullOrEmpty(file) ? "index.html" : file));
    }
}
