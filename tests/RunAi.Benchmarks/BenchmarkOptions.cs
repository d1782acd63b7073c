using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

/// <summary>
/// The command line: <c>[cold|warm|fanout|wan] [sizes…] [--runs N] [--module path/to/RunAi.psd1] [--baseline path/to/RunAi.psd1]
/// [--pwsh path]</c> (or <c>serve N [latency ms]</c>: the pages alone, to try things by hand). <c>--baseline</c> adds another build of the
/// module to the cold and WAN runs, taking turns with this one (before/after figures under the same load). <c>--pwsh</c> names
/// the pwsh the cold and WAN runs start (a pwsh.dll is started with dotnet): the one on PATH by default, else the pinned tool's. Without a word every kind runs; sizes default to 10,000 and 100,000 (warm) and 10,000, 50,000 and 100,000 (cold). <c>--module</c> measures another
/// build of the module (say, main's, copied elsewhere) with the same benchmark, for before/after figures.
/// </summary>
internal sealed class BenchmarkOptions
{
    public static readonly int[] DefaultWarmSizes = { 10_000, 100_000 };
    public static readonly int[] DefaultColdSizes = { 10_000, 50_000, 100_000 };

    /// <summary>The size at which the cold module is compared with an Invoke-RestMethod loop (the loop is slow).</summary>
    public const int RestMethodSize = 50_000;

    public bool Warm { get; private init; } = true;

    public bool Cold { get; private init; } = true;

    public bool FanOut { get; private init; } = true;

    public bool Wan { get; private init; } = true;

    public IReadOnlyList<int> WarmSizes { get; private init; } = DefaultWarmSizes;

    public IReadOnlyList<int> ColdSizes { get; private init; } = DefaultColdSizes;

    /// <summary>Runs of each cold figure; the median is reported.</summary>
    public int Runs { get; private init; } = 5;

    /// <summary>The pwsh the cold runs start, or null for the one on PATH.</summary>
    public string? Pwsh { get; private init; }

    /// <summary>A second manifest the cold runs time beside <see cref="Manifest"/>, or null.</summary>
    public string? Baseline { get; private init; }

    /// <summary>The manifest every run imports.</summary>
    public string Manifest { get; private init; } = Path.Combine(Child.RepositoryRoot(), "RunAi.psd1");

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var sizes = new List<int>();
        var only = string.Empty;
        var runs = 5;
        string? manifest = null;
        string? pwsh = null;
        string? baseline = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "cold" or "warm" or "fanout" or "wan" when i == 0:
                    only = args[i];
                    break;
                case "--runs":
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--module":
                    manifest = Path.GetFullPath(args[++i]);
                    break;
                case "--baseline":
                    baseline = Path.GetFullPath(args[++i]);
                    break;
                case "--pwsh":
                    pwsh = Path.GetFullPath(args[++i]);
                    break;
                default:
                    sizes.Add(int.Parse(args[i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
                    break;
            }
        }

        foreach (var path in new[] { manifest, baseline })
        {
            if (path != null && !File.Exists(path))
            {
                throw new FileNotFoundException("no module manifest at " + path);
            }
        }

        return new BenchmarkOptions
        {
            Warm = only is "" or "warm",
            Cold = only is "" or "cold",
            FanOut = only is "" or "fanout",
            Wan = only is "" or "wan",
            WarmSizes = sizes.Count > 0 ? sizes : DefaultWarmSizes,
            ColdSizes = sizes.Count > 0 ? sizes : DefaultColdSizes,
            Runs = Math.Max(1, runs),
            Manifest = manifest ?? Path.Combine(Child.RepositoryRoot(), "RunAi.psd1"),
            Pwsh = pwsh,
            Baseline = baseline,
        };
    }
}
