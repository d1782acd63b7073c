using System.Collections.Generic;
using RunAi.HelpBuilder.Metadata;
using RunAi.HelpBuilder.Prose;

namespace RunAi.HelpBuilder;

/// <summary>
/// One cmdlet's help: its metadata, its prose, and its parameters in the order help lists them (the order of the
/// cmdlet's own file, then the shared ones) with each one's description resolved (own or shared).
/// </summary>
internal sealed record CommandHelp(
    CmdletFacts Metadata,
    CmdletProse Prose,
    IReadOnlyList<(ParameterFacts Parameter, IReadOnlyList<string> Description)> Parameters);
