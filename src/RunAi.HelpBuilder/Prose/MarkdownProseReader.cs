using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace RunAi.HelpBuilder.Prose;

/// <summary>
/// Reads a cmdlet's help prose from Markdown laid out like platyPS's: <c># Name</c>, then <c>## SYNOPSIS</c>,
/// <c>## DESCRIPTION</c>, <c>## EXAMPLES</c> (<c>### Example 1: …</c> with a code block and remarks),
/// <c>## PARAMETERS</c> (<c>### -Name</c>), <c>## OUTPUTS</c> (<c>### TypeName</c>), <c>## NOTES</c> and
/// <c>## RELATED LINKS</c>. There is no SYNTAX section: syntax comes from the cmdlet itself.
/// </summary>
internal static class MarkdownProseReader
{
    private static readonly string[] Sections = { "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "OUTPUTS", "NOTES", "RELATED LINKS" };

    public static CmdletProse Read(string path, List<HelpError> errors)
    {
        var document = Markdown.Parse(File.ReadAllText(path));
        string? name = null;
        string? section = null;
        SectionBuilder? current = null;
        var sections = new Dictionary<string, List<SectionBuilder>>(StringComparer.Ordinal);
        foreach (var block in document)
        {
            if (block is HeadingBlock heading)
            {
                var text = InlineText(heading.Inline).Trim();
                switch (heading.Level)
                {
                    case 1:
                        name = text;
                        continue;
                    case 2:
                        section = text.ToUpperInvariant();
                        if (!Sections.Contains(section))
                        {
                            errors.Add(new HelpError(path, heading.Line + 1, $"Unknown section '## {text}'; expected one of {string.Join(", ", Sections)}."));
                        }

                        current = new SectionBuilder(string.Empty, heading.Line + 1);
                        Add(sections, section, current);
                        continue;
                    case 3 when section != null:
                        current = new SectionBuilder(text, heading.Line + 1);
                        Add(sections, section, current);
                        continue;
                }
            }

            if (current is null)
            {
                // Between the title and the first section: a note for whoever edits the file, not help.
                continue;
            }

            current.Blocks.Add(block);
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new HelpError(path, 1, "The file has no '# Name' title."));
        }

        return new CmdletProse(
            name ?? Path.GetFileNameWithoutExtension(path),
            path,
            string.Join(" ", Paragraphs(sections, "SYNOPSIS")),
            Paragraphs(sections, "DESCRIPTION"),
            Examples(path, sections, errors),
            Subsections(sections, "PARAMETERS"),
            Subsections(sections, "OUTPUTS"),
            Paragraphs(sections, "NOTES"),
            Links(sections));
    }

    private static void Add(Dictionary<string, List<SectionBuilder>> sections, string section, SectionBuilder builder)
    {
        if (!sections.TryGetValue(section, out var list))
        {
            sections[section] = list = new List<SectionBuilder>();
        }

        list.Add(builder);
    }

    private static IEnumerable<SectionBuilder> In(Dictionary<string, List<SectionBuilder>> sections, string section) =>
        sections.TryGetValue(section, out var list) ? list : Enumerable.Empty<SectionBuilder>();

    private static List<string> Paragraphs(Dictionary<string, List<SectionBuilder>> sections, string section) =>
        In(sections, section).SelectMany(s => s.Blocks).SelectMany(ParagraphsOf).ToList();

    private static List<SectionProse> Subsections(Dictionary<string, List<SectionBuilder>> sections, string section) =>
        In(sections, section).Where(s => s.Heading.Length > 0)
            .Select(s => new SectionProse(s.Heading, s.Blocks.SelectMany(ParagraphsOf).ToList(), s.Line))
            .ToList();

    private static List<ExampleProse> Examples(string path, Dictionary<string, List<SectionBuilder>> sections, List<HelpError> errors)
    {
        var examples = new List<ExampleProse>();
        foreach (var example in In(sections, "EXAMPLES").Where(s => s.Heading.Length > 0))
        {
            var code = example.Blocks.OfType<FencedCodeBlock>().ToList();
            if (code.Count != 1)
            {
                errors.Add(new HelpError(path, example.Line, $"Example '{example.Heading}' needs exactly one code block (it has {code.Count})."));
                continue;
            }

            var remarks = example.Blocks.Where(b => b is not FencedCodeBlock).SelectMany(ParagraphsOf).ToList();
            examples.Add(new ExampleProse(example.Heading, code[0].Lines.ToString().TrimEnd(), remarks, example.Line));
        }

        return examples;
    }

    private static List<LinkProse> Links(Dictionary<string, List<SectionBuilder>> sections)
    {
        var links = new List<LinkProse>();
        foreach (var block in In(sections, "RELATED LINKS").SelectMany(s => s.Blocks).SelectMany(Descendants))
        {
            if (block is ParagraphBlock paragraph && paragraph.Inline != null)
            {
                foreach (var link in paragraph.Inline.Descendants<LinkInline>())
                {
                    var url = link.Url ?? string.Empty;
                    links.Add(new LinkProse(InlineText(link).Trim(), url.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? url : string.Empty));
                }
            }
        }

        return links;
    }

    private static IEnumerable<Block> Descendants(Block block) =>
        block is ContainerBlock container ? container.SelectMany(Descendants) : new[] { block };

    /// <summary>A block as help paragraphs: a paragraph is one, a list one per item ("- item"), a code block its text.</summary>
    private static IEnumerable<string> ParagraphsOf(Block block) => block switch
    {
        ParagraphBlock paragraph => new[] { InlineText(paragraph.Inline).Trim() },
        ListBlock list => list.OfType<ListItemBlock>().Select(item => "- " + string.Join(" ", item.SelectMany(ParagraphsOf))),
        CodeBlock code => new[] { code.Lines.ToString().TrimEnd() },
        ContainerBlock container => container.SelectMany(ParagraphsOf),
        _ => Enumerable.Empty<string>(),
    };

    private static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(text, inline);
        return text.ToString();
    }

    private static void Append(StringBuilder text, Inline? inline)
    {
        switch (inline)
        {
            case null:
                return;
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                return;
            case CodeInline code:
                text.Append(code.Content);
                return;
            case LineBreakInline lineBreak:
                text.Append(lineBreak.IsHard ? "\n" : " ");
                return;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                return;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                return;
            case HtmlInline html:
                text.Append(html.Tag);
                return;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(text, child);
                }

                return;
        }
    }

    private sealed class SectionBuilder
    {
        public SectionBuilder(string heading, int line)
        {
            Heading = heading;
            Line = line;
        }

        public string Heading { get; }

        public int Line { get; }

        public List<Block> Blocks { get; } = new();
    }
}
