namespace RunAi.Simulator.Data;

/// <summary>Deterministic 64-bit mixing (SplitMix64) used for all generated values.</summary>
internal struct Hash
{
    private ulong state;

    public Hash(ulong seed) => state = seed;

    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Of(int seed, int stream, int index, int sub)
        => Mix(Mix(Mix((ulong)(uint)seed ^ ((ulong)(uint)stream << 32)) ^ (ulong)(uint)index) ^ ((ulong)(uint)sub << 16));

    public static ulong Of(int seed, EntityKind kind, int index, int sub) => Of(seed, (int)kind, index, sub);

    public static Hash For(int seed, EntityKind kind, int index, int sub = 0) => new(Of(seed, (int)kind, index, sub));

    /// <summary>FNV-1a of a text: the same in every process (string.GetHashCode is randomized per process).</summary>
    public static ulong OfText(string text)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var ch in text)
        {
            h = (h ^ ch) * 0x100000001B3UL;
        }

        return h;
    }

    public ulong Next()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>Uniform integer in [0, n).</summary>
    public int Int(int n) => n <= 1 ? 0 : (int)(Next() % (ulong)n);

    /// <summary>Uniform integer in [min, max].</summary>
    public int Range(int min, int max) => min + Int(max - min + 1);

    /// <summary>Uniform double in [0, 1).</summary>
    public double Double() => (Next() >> 11) * (1.0 / (1UL << 53));

    public T Pick<T>(T[] items) => items[Int(items.Length)];
}
