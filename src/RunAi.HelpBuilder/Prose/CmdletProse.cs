using System.Collections.Generic;

namespace RunAi.HelpBuilder.Prose;

/// <summary>What a person wrote about one cmdlet (or, for the shared file, about parameters many cmdlets have).</summary>
internal sealed record CmdletProse(
    string Name,
    string SourcePath,
    string Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<ExampleProse> Examples,
    IReadOnlyList<SectionProse> Parameters,
    IReadOnlyList<SectionProse> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<LinkProse> Links);

/// <summary>One example: a title, the code a user types, and what it does.</summary>
internal sealed record ExampleProse(string Title, string Code, IReadOnlyList<string> Remarks, int Line);

/// <summary>The paragraphs under a <c>###</c> heading: a parameter (<c>-Name</c>) or an output type.</summary>
internal sealed record SectionProse(string Heading, IReadOnlyList<string> Paragraphs, int Line);

/// <summary>A related link: a command or topic name, with an address when it is on the web.</summary>
internal sealed record LinkProse(string Text, string Uri);

/// <summary>A mistake in the prose or a mismatch with the cmdlets, reported as an MSBuild error at its file and line.</summary>
internal sealed record HelpError(string Path, int Line, string Message)
{
    public override string ToString() => $"{Path}({Line}): error RAHELP: {Message}";
}
