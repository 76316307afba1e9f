using PlateletTwins.Dtdl.Json;
using Peer = Json.Pointer.JsonPointer;

namespace PlateletTwins.Tests.Dtdl.Json;

/// <summary>The project's JSON Pointers, written by the ingestion service's patches and read by MockAdt's, against json-everything's.</summary>
public sealed class JsonPointerTests
{
    public static TheoryData<string> Names => ["status", "a/b", "a~b", "~1", "~0/~", "", "a b", "ü", "/", "~"];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_member_pointer_is_the_one_RFC_6901_writes_and_reads_back_as_the_name(string name)
    {
        var pointer = JsonPointer.ToMember(name);

        Assert.Equal(Peer.Create(name).ToString(), pointer);
        Assert.Equal([name], JsonPointer.Parse(pointer)!);
    }

    public static TheoryData<string> Texts =>
        ["/a", "/a/b", "/a~1b/c~0d", "//", "/", "/~01", "/~10", "/a~", "/a~2", "/~", "a", "a/b", "/a/~x/b", "/0/-", "/ü/~1~0"];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Parsing_takes_and_refuses_what_RFC_6901_does_with_the_same_tokens(string text)
    {
        var ours = JsonPointer.Parse(text);
        var peerTakes = Peer.TryParse(text, out var peer);

        Assert.Equal(peerTakes, ours is not null);
        if (ours is not null)
        {
            // Our tokens, escaped by the peer, give the text back: the same tokens, decoded the same way.
            Assert.Equal(peer.SegmentCount, ours.Length);
            Assert.Equal(text, string.Concat(ours.Select(token => Peer.Create(token).ToString())));
        }
    }

    [Fact]
    public void The_empty_pointer_the_whole_document_is_not_a_patch_path() => Assert.Null(JsonPointer.Parse(""));
}
