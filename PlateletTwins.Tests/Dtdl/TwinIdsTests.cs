using PlateletTwins.Dtdl;

namespace PlateletTwins.Tests.Dtdl;

/// <summary>One rule for twin ids, for the simulator's lab files, their schema and the intake.</summary>
public sealed class TwinIdsTests
{
    public static TheoryData<string, bool> Ids => new()
    {
        { "platelet-lab", true }, { "9", true }, { "a", true }, { "Lab.v2_a~b:c", true }, { "centrifuge-01", true }, { new string('a', 128), true },
        { "", false }, { "-lab", false }, { ".lab", false }, { "_lab", false }, { "~lab", false }, { ":lab", false },
        { new string('a', 129), false }, { "lab one", false }, { "lab/1", false }, { "läb", false }, { "lab\n", false }, { "lab%20", false },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_twin_id_is_a_letter_or_digit_then_letters_digits_and_four_marks(string id, bool valid) => Assert.Equal(valid, TwinIds.IsValid(id));

    [Fact]
    public void Null_is_no_twin_id() => Assert.False(TwinIds.IsValid(null));
}
