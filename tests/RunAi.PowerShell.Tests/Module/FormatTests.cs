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
public sealed class FormatTests : EngineTests<SmallSimulatorFixture>
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


    public FormatTests(SmallSimulatorFixture sim)
        : base(sim)
    {
    }

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

    [Theory]
    [MemberData(nameof(ViewedTypes))]
    public void Every_cell_of_the_default_view_whose_property_has_a_value_shows_it_and_dates_read_the_same_in_every_culture(string typeName)
    {
        var view = Views().Single(v => v.TypeName == typeName);
        using var ps = new PowerShellSession(new CapturingHost(400, System.Globalization.CultureInfo.GetCultureInfo(Culture)));
        Assert.Empty(ps.Run($"Connect-RunAi -BaseUri '{Sim.Simulator.BaseUri}' -Token '{Sim.Simulator.Options.StaticToken}'").Errors);
        var variables = Sim.Ids();
        variables["uri"] = Sim.Simulator.BaseUri;
        variables["clientId"] = Sim.Simulator.Options.ClientId;
        variables["clientSecret"] = Sim.Simulator.Options.ClientSecret;
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

    /// <summary>
    /// The columns an admin reads in each table, and the fewest characters each must keep, in an 80- and a 120-column
    /// console. PowerShell drops fixed-width columns from the right that do not fit and gives the last column without
    /// a width what the others leave, so a view too wide loses its most useful column or squeezes it to a letter.
    /// </summary>
    [Theory]
    [InlineData("RunAi.Client.Models.Workload", 80, "Name=32,Type=11,Phase=12,Project=14")]
    [InlineData("RunAi.Client.Models.Workload", 120, "Name=32,Type=11,Phase=12,Project=14,GPUs=5,Created=16")]
    [InlineData("RunAi.Client.Models.WorkloadEvent", 80, "Created=19,Type=7,Reason=16,Object=20,Message=14")]
    [InlineData("RunAi.Client.Models.WorkloadEvent", 120, "Created=19,Type=7,Reason=16,Object=20,Message=54")]
    [InlineData("RunAi.Client.Models.HistoryRecord", 80, "Timestamp=19,RecordType=11,Phase=12,Message=30")]
    [InlineData("RunAi.Client.Models.HistoryRecord", 120, "Timestamp=19,RecordType=11,Phase=12,Message=70")]
    [InlineData("RunAi.Client.Models.TelemetryValue", 80, "Type=22,Group1=22,Group2=18,Value=10")]
    [InlineData("RunAi.Client.Models.TelemetryValue", 120, "Type=22,Group1=22,Group2=18,Value=10")]
    [InlineData("RunAi.Client.Models.MetricSample", 80, "Timestamp=19,Metric=30,Value=12,Labels=9")]
    [InlineData("RunAi.Client.Models.MetricSample", 120, "Timestamp=19,Metric=30,Value=12,Labels=49")]
    [InlineData("RunAi.Client.Models.WorkloadElement", 80, "Level=5,Name=36,Kind=16")]
    [InlineData("RunAi.Client.Models.WorkloadEndpoint", 80, "Protocol=8,Host=30,Port=6,Url=20")]
    [InlineData("RunAi.Client.Models.Pod", 80, "Name=36,Phase=10,Node=20")]
    [InlineData("RunAi.Client.Models.Revision", 80, "Name=32,Phase=12,Pods=5,Created=17")]
    public void Each_table_keeps_the_columns_an_admin_reads_at_80_and_120_columns(string typeName, int consoleWidth, string needed)
    {
        var view = Views().Single(v => v.TypeName == typeName);
        using var ps = new PowerShellSession(new CapturingHost(consoleWidth, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(ps.Run($"Connect-RunAi -BaseUri '{Sim.Simulator.BaseUri}' -Token '{Sim.Simulator.Options.StaticToken}'").Errors);
        var result = ps.Run(
            $$"""
            $items = @(@({{Samples[typeName]}}) | Where-Object { $_.GetType().FullName -eq '{{typeName}}' })[0..4]
            $null = $Host.PrivateData.Take()
            $items | Out-Host
            $Host.PrivateData.Take()
            """,
            Sim.Ids());
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        var text = Ansi.Replace((string)result.Output.Single().BaseObject, string.Empty);

        // The dash line under the headers has a run of dashes per shown column (a header that had to wrap sits on
        // several lines above it, so the line is found by its shape). A column with a width keeps it or is dropped;
        // the last column without one gets what is left of the line, from where its run starts.
        var lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var dashes = lines.First(l => l.Trim().Length > 0 && l.Trim().All(c => c == '-' || c == ' '));
        var runs = Regex.Matches(dashes, "-+").ToList();
        var declared = DeclaredWidths(typeName);
        var shown = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
        {
            // PowerShell squeezes the last column it shows into what is left of the line rather than dropping it.
            var label = view.Columns[i].Label;
            shown[label] = Math.Min(declared[i] ?? int.MaxValue, consoleWidth - runs[i].Index);
            Assert.True(shown[label] >= label.Length, $"{typeName} at {consoleWidth} columns squeezes '{label}' to {shown[label]} characters, so its header wraps:\n{text}");
        }

        Assert.All(lines, line => Assert.True(line.Length <= consoleWidth, $"a line wider than {consoleWidth} columns:\n{text}"));

        foreach (var pair in needed.Split(','))
        {
            var label = pair.Split('=')[0];
            var minimum = int.Parse(pair.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(shown.ContainsKey(label), $"{typeName} at {consoleWidth} columns drops '{label}':\n{text}");
            Assert.True(shown[label] >= minimum, $"{typeName} at {consoleWidth} columns leaves '{label}' {shown[label]} characters (needs {minimum}):\n{text}");
        }
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
        using var ps = Sim.Connected();
        var result = ps.Run(pipeline, Sim.Ids());

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

    /// <summary>Each table column's declared width, in order (null where the column takes what is left).</summary>
    private static List<int?> DeclaredWidths(string typeName)
    {
        var document = XDocument.Load(Path.Combine(PowerShellSession.RepositoryRoot, "module", "RunAi.format.ps1xml"));
        var view = document.Descendants("View").Single(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim() == typeName);
        return view.Descendants("TableColumnHeader")
            .Select(h => h.Element("Width") is { } width ? int.Parse(width.Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null)
            .ToList();
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
