using System.Collections.Generic;

namespace RunAi.HelpBuilder.Metadata;

/// <summary>What the engine knows about one cmdlet: everything help shows that is not prose.</summary>
internal sealed record CmdletFacts(
    string Name,
    string Verb,
    string Noun,
    IReadOnlyList<ParameterSetFacts> ParameterSets,
    IReadOnlyList<ParameterFacts> Parameters,
    IReadOnlyList<string> OutputTypes);

/// <summary>One parameter set, its parameters in the order PowerShell shows them in syntax.</summary>
internal sealed record ParameterSetFacts(string Name, bool IsDefault, IReadOnlyList<ParameterUse> Parameters);

/// <summary>How a parameter is used in one parameter set.</summary>
/// <param name="Hidden">DontShow in this set: described in help, left out of this set's syntax.</param>
internal sealed record ParameterUse(ParameterFacts Parameter, bool Mandatory, int? Position, bool ByValue, bool ByPropertyName, bool Hidden);

/// <summary>A parameter as help describes it, across its parameter sets.</summary>
/// <param name="TypeName">The friendly type name (<c>string</c>, <c>Guid[]</c>, <c>RunAiPhase</c>); empty for a switch.</param>
/// <param name="AcceptedValues">An enum's names or a ValidateSet's values; empty when any value of the type goes.</param>
/// <param name="Range">A ValidateRange as text ("1 to 500"), or null.</param>
/// <param name="MaxCount">A ValidateCount's largest number of values, or null.</param>
/// <param name="ExpressionFields">For an expression parameter (-Filter), the fields its validation accepts.</param>
/// <param name="ExpressionOperators">For an expression parameter, the operators its validation accepts.</param>
/// <param name="DefaultValue">The value the parameter has when not given, as text, or null when there is none worth showing.</param>
internal sealed record ParameterFacts(
    string Name,
    string TypeName,
    bool IsSwitch,
    IReadOnlyList<string> Aliases,
    bool SupportsWildcards,
    IReadOnlyList<string> AcceptedValues,
    string? Range,
    int? MaxCount,
    IReadOnlyList<string> ExpressionFields,
    IReadOnlyList<string> ExpressionOperators,
    string? DefaultValue);
