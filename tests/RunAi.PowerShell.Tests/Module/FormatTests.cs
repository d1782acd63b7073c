using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// Renders every default view of RunAi.format.ps1xml (table and list) for real objects of each output type, as a
/// 400-column console in a culture whose time separator is '.' shows them (Out-Host picks the default view), and checks
/// each cell against the property it shows; and what Export-Csv makes of the objects.
/// </summary>
[Collection("engine")]
public sealed class FormatTests : IClassFixture<SmallSimulatorFixture>
{
    // A culture whose time separator is '.', so a view that formats a date with the culture's separator shows it.
    private const string Culture = "fi-FI";
    private static readonly Regex DateCell = new(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$", RegexOptions.CultureInvariant);
    private static readonly Regex Ansi = new("\u001b\\[[0-9;]*m", RegexOptions.CultureInvariant);
    private static readonly Regex FirstChain = new(@"\$_((?:\.[A-Za-z_][A-Za-z0-9_]*)+)(\s*\()?", RegexOptions.CultureInvariant);

    /// <summary>Objects of each type with a view, as the cmdlets return them from the simulator.</summary>
    private static readonly Dictionary<string, string> Samples = new()
    {
        ["RunAi.Client.Models.Workload"] = "Get-RunAiWorkload -First 300; Get-RunAiWorkload -Id $wid, $inf",
        ["RunAi.Client.Models.WorkloadEvent"] = "Get-RunAiWorkload -First 30 | Get-RunAiWorkloadEvent -First 5",
        ["RunAi.Client.Models.HistoryRecord"] = "Get-RunAiWorkload -First 30 | Get-RunAiWorkloadHistory -First 10",
        ["RunAi.PowerShell.Session.RunAiSession"] = "Connect-RunAi -BaseUri $uri -ClientId $clientId -ClientSecret $clientSecret -PassThru",
        ["RunAi.Client.Models.TelemetryValue"] = "Get-RunAiWorkloadTelemetry -Type GPU_ALLOCATION -GroupBy ClusterId,Type; Get-RunAiWorkloadTelemetry -Type WORKLOADS_COUNT -GroupBy Phase,ProjectId",
        ["RunAi.Client.Models.MetricSample"] = "Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType GPU_UTILIZATION,CPU_USAGE_CORES -Samples 3; " +
            "Get-RunAiWorkloadMetric -WorkloadId $inf -MetricType NIM_E2E_REQUEST_LATENCY_SECONDS_PERCENTILES -Samples 2; " +
            "Get-RunAiPodMetric -WorkloadId $wid -PodId $pod -MetricType GPU_UTILIZATION_PER_GPU -Samples 2",
        ["RunAi.Client.Models.WorkloadEndpoint"] = "Get-RunAiWorkload -First 300 | Where-Object Type -eq Inference | Get-RunAiWorkloadEndpoint",
        ["RunAi.Client.Models.WorkloadElement"] = "Get-RunAiWorkloadElement -WorkloadId $heavy -First 30",
        ["RunAi.Client.Models.WorkloadElementCount"] = "Get-RunAiWorkloadElementCount -WorkloadId $heavy, $wid",
        ["RunAi.Client.Models.Revision"] = "Get-RunAiInferenceRevision -WorkloadId $inf",
        ["RunAi.Client.Models.Pod"] = "Get-RunAiPod -First 60 -Verbosity Full",
        ["RunAi.Client.Models.ClusterPod"] = "Get-RunAiPod -ClusterId $cluster 3>$null",
    };

    private readonly SmallSimulatorFixture _sim;

    public FormatTests(SmallSimulatorFixture sim) => _sim = sim;

    public static TheoryData<string> ViewedTypes
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var view in Views())
            {
                data.Add(view.TypeName);
            }

            return data;
        }
    }

    [Fact]
    public void Every_view_has_sample_objects()
    {
        Assert.All(Views(), view => Assert.True(Samples.ContainsKey(view.TypeName), $"no sample objects for the view of {view.TypeName}"));
    }

    [Fact]
    public void Every_table_that_ends_in_a_message_leaves_it_a_readable_width_in_an_80_column_console()
    {
        // A message column comes last, has no width and gets what the others leave; the event view once left its
        // message 2 characters. Columns are separated by one space.
        var document = XDocument.Load(Path.Combine(PowerShellSession.RepositoryRoot, "module", "RunAi.format.ps1xml"));
        var tables = document.Descendants("TableControl")
            .Where(t => t.Descendants("TableColumnHeader").Last().Element("Label")?.Value == "Message").ToList();
        Assert.True(tables.Count >= 2, "the event and history views end in a message");
        Assert.All(tables, table =>
        {
            var headers = table.Descendants("TableColumnHeader").ToList();
            var fixedWidths = headers.Select(h => h.Element("Width")).Where(w => w != null).Sum(w => int.Parse(w!.Value, System.Globalization.CultureInfo.InvariantCulture));
            var left = 80 - fixedWidths - (headers.Count - 1);
            var name = table.Parent!.Element("Name")!.Value;
            Assert.True(headers[^1].Element("Width") != null || left >= 12, $"{name}: the last column keeps {left} characters at 80 columns");
        });
    }

    [Theory]
    [MemberData(nameof(ViewedTypes))]
    public void Every_cell_of_the_default_view_whose_property_has_a_value_shows_it_and_dates_read_the_same_in_every_culture(string typeName)
    {
        var view = Views().Single(v => v.TypeName == typeName);
        using var ps = new PowerShellSession(new CapturingHost(400, System.Globalization.CultureInfo.GetCultureInfo(Culture)));
        Assert.Empty(ps.Run($"Connect-RunAi -BaseUri '{_sim.Simulator.BaseUri}' -Token '{_sim.Simulator.Options.StaticToken}'").Errors);
        var variables = _sim.Ids();
        variables["uri"] = _sim.Simulator.BaseUri;
        variables["clientId"] = _sim.Simulator.Options.ClientId;
        variables["clientSecret"] = _sim.Simulator.Options.ClientSecret;
        var result = ps.Run(
            $$"""
            $items = @({{Samples[typeName]}}) | Where-Object { $_.GetType().FullName -eq '{{typeName}}' -or $_.GetType().BaseType.FullName -eq '{{typeName}}' }
            [System.Globalization.CultureInfo]::CurrentCulture = [System.Globalization.CultureInfo]::GetCultureInfo('{{Culture}}')
            $null = $Host.PrivateData.Take()
            foreach ($item in $items) { $item | Out-Host; [pscustomobject]@{ Item = $item; Text = $Host.PrivateData.Take() } }
            """,
            variables);

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        Assert.NotEmpty(result.Output);
        var shown = new HashSet<string>();
        foreach (var rendered in result.Output)
        {
            var item = ((PSObject)rendered.Properties["Item"].Value).BaseObject;
            var text = Ansi.Replace((string)rendered.Properties["Text"].Value, string.Empty);
            var cells = view.IsTable ? TableCells(text, view.Columns.Count) : ListCells(text, view.Columns);
            for (var i = 0; i < view.Columns.Count; i++)
            {
                var column = view.Columns[i];
                var value = column.ValueOf(item);
                if (value is null)
                {
                    continue;
                }

                shown.Add(column.Label);
                Assert.False(string.IsNullOrWhiteSpace(cells[i]), $"{typeName}: column '{column.Label}' is empty although {column.Source} is '{value}'.\n{text}");
                if (value is DateTimeOffset || value is DateTime)
                {
                    Assert.Matches(DateCell, cells[i].Trim());
                }
            }
        }

        // Each column met at least one object with a value, so each check above could fail. A list item shown only
        // when its property is set (a session's proxy) is checked whenever a sample has it.
        Assert.Equal(view.Columns.Where(c => !c.Optional).Select(c => c.Label).OrderBy(l => l, StringComparer.Ordinal), shown.Where(l => view.Columns.Any(c => c.Label == l && !c.Optional)).OrderBy(l => l, StringComparer.Ordinal));
    }

    /// <summary>The cells of the one row of a Format-Table text, cut at the column boundaries the dash line shows.</summary>
    /// <summary>
    /// Export-Csv writes each property's ToString(). A property that prints a .NET type name
    /// ("System.Collections.Generic.List`1[…]") is a column of noise in every report, so no output object may have one.
    /// </summary>
    [Theory]
    [InlineData("Get-RunAiWorkload -First 50")]
    [InlineData("Get-RunAiWorkload -First 5 | Get-RunAiWorkload")]
    [InlineData("Get-RunAiWorkload -First 3 | Get-RunAiWorkloadEvent")]
    [InlineData("Get-RunAiWorkload -First 3 | Get-RunAiWorkloadHistory")]
    [InlineData("Get-RunAiPod -First 20")]
    [InlineData("Get-RunAiWorkload -Type Inference -First 2 | Get-RunAiInferenceRevision")]
    [InlineData("Get-RunAiWorkload -Phase Running -First 1 | Get-RunAiWorkloadMetric -MetricType GPU_UTILIZATION, NIM_TIME_TO_FIRST_TOKEN_SECONDS_PERCENTILES -Samples 3")]
    [InlineData("Get-RunAiWorkloadTelemetry -Type WORKLOADS_COUNT -GroupBy Phase")]
    [InlineData("Get-RunAiWorkload -First 3 | Get-RunAiWorkloadEndpoint")]
    [InlineData("Get-RunAiWorkloadElement -WorkloadId $heavy -First 5")]
    public void Every_property_reads_as_a_value_not_a_type_name(string pipeline)
    {
        using var ps = _sim.Connected();
        var result = ps.Run(pipeline, _sim.Ids());

        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Output);
        foreach (var item in result.Output)
        {
            foreach (var property in item.Properties.Where(p => p.IsGettable))
            {
                var text = property.Value?.ToString() ?? string.Empty;
                Assert.False(
                    text.StartsWith("System.", StringComparison.Ordinal) || text.StartsWith("RunAi.", StringComparison.Ordinal),
                    $"{item.TypeNames[0]}.{property.Name} exports as '{text}'");
            }
        }
    }

    private static List<string> TableCells(string text, int columns)
    {
        var lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Where(l => l.Trim().Length > 0).ToList();
        Assert.True(lines.Count >= 3, "not a table:\n" + text);
        var dashes = lines[1];
        var starts = Regex.Matches(dashes, "-+").Select(m => m.Index).ToList();
        Assert.Equal(columns, starts.Count);
        var row = lines[2];
        var cells = new List<string>();
        for (var i = 0; i < starts.Count; i++)
        {
            var start = Math.Min(starts[i], row.Length);
            var end = i + 1 < starts.Count ? Math.Min(starts[i + 1], row.Length) : row.Length;
            cells.Add(row.Substring(start, end - start));
        }

        return cells;
    }

    /// <summary>The values of a Format-List text, in the order of the view's items.</summary>
    private static List<string> ListCells(string text, IReadOnlyList<Column> columns)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var colon = line.IndexOf(" : ", StringComparison.Ordinal);
            if (colon > 0)
            {
                values[line.Substring(0, colon).Trim()] = line.Substring(colon + 3);
            }
        }

        return columns.Select(c => values.TryGetValue(c.Label, out var v) ? v : string.Empty).ToList();
    }

    private static List<View> Views()
    {
        var document = XDocument.Load(Path.Combine(PowerShellSession.RepositoryRoot, "module", "RunAi.format.ps1xml"));
        var views = new List<View>();
        foreach (var view in document.Descendants("View"))
        {
            var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim();
            var table = view.Element("TableControl");
            if (table != null)
            {
                var labels = table.Descendants("TableColumnHeader").Select(h => h.Element("Label")?.Value).ToList();
                var items = table.Descendants("TableColumnItem").ToList();
                Assert.Equal(labels.Count, items.Count);
                views.Add(new View(typeName, true, items.Select((item, i) => Column.Of(item, labels[i])).ToList()));
            }
            else
            {
                views.Add(new View(typeName, false, view.Descendants("ListItem").Select(item => Column.Of(item, item.Element("Label")?.Value)).ToList()));
            }
        }

        return views;
    }

    private sealed record View(string TypeName, bool IsTable, IReadOnlyList<Column> Columns);

    /// <summary>A column and the property it shows: its PropertyName, or the first $_.A.B chain of its script block.</summary>
    private sealed record Column(string Label, string[] Path, string Source, bool Optional = false)
    {
        public static Column Of(XElement item, string? label)
        {
            var property = item.Element("PropertyName")?.Value.Trim();
            if (property != null)
            {
                return new Column(label ?? property, new[] { property }, property, item.Element("ItemSelectionCondition") != null);
            }

            var script = item.Element("ScriptBlock")!.Value;
            var chain = FirstChain.Match(script);
            Assert.True(chain.Success, "a script block without $_.Property: " + script);
            var names = chain.Groups[1].Value.TrimStart('.').Split('.').ToList();
            if (chain.Groups[2].Success)
            {
                names.RemoveAt(names.Count - 1); // the last name is a method: $_.CreatedAt.ToString(…)
            }

            return new Column(label ?? names[0], names.ToArray(), "$_." + string.Join(".", names));
        }

        /// <summary>
        /// The value at the end of the path, read as C# would (Nullable's Value included), or null when it has none. The
        /// view is PowerShell script, so a path that only works in C# shows up as an empty cell.
        /// </summary>
        public object? ValueOf(object item)
        {
            object? current = item;
            var declared = item.GetType();
            foreach (var name in Path)
            {
                if (current is null)
                {
                    return null;
                }

                var nullable = Nullable.GetUnderlyingType(declared);
                if (nullable != null && name == "Value")
                {
                    declared = nullable;
                    continue;
                }

                var property = current.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
                    ?? throw new InvalidOperationException($"{current.GetType().Name} has no property {name} ({Source})");
                declared = property.PropertyType;
                current = property.GetValue(current);
            }

            return current switch
            {
                null => null,
                string text when text.Length == 0 => null,
                ICollection { Count: 0 } => null,
                _ => current,
            };
        }
    }
}
