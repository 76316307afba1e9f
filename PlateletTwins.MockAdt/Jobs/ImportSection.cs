namespace PlateletTwins.MockAdt.Jobs;

/// <summary>
/// The sections of an import file, in the one order they may come (Learn: "The file starts with a Header section,
/// followed by the optional sections Models, Twins, and Relationships … any sections that are present must follow that
/// order"); each starts with a line <c>{"Section": "&lt;name&gt;"}</c>.
/// </summary>
internal enum ImportSection
{
    None,
    Header,
    Models,
    Twins,
    Relationships,
}
