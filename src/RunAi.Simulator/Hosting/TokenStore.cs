using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace RunAi.Simulator.Hosting;

/// <summary>Tokens issued by the token endpoint with their expiry, and the check of a request's Authorization header.</summary>
internal sealed class TokenStore(SimulatorOptions options)
{
    private readonly ConcurrentDictionary<string, long> expiries = new(StringComparer.Ordinal);

    /// <summary>A new random token valid for the given time.</summary>
    public string Issue(int lifetimeSeconds)
    {
        var token = "sim_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        expiries[token] = DateTime.UtcNow.Ticks + (lifetimeSeconds * TimeSpan.TicksPerSecond);
        return token;
    }

    public void ExpireAll()
    {
        foreach (var key in expiries.Keys)
        {
            expiries[key] = 0;
        }
    }

    /// <summary>Null when the header carries the static token or a live issued one, else why not.</summary>
    public AuthFailure? Check(string? authorizationHeader)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return AuthFailure.MissingHeader;
        }

        if (!authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthFailure.NotBearer;
        }

        var token = authorizationHeader[7..].Trim();
        if (token.Length == 0)
        {
            return AuthFailure.EmptyToken;
        }

        if (string.Equals(token, options.StaticToken, StringComparison.Ordinal))
        {
            return null;
        }

        if (expiries.TryGetValue(token, out var expires))
        {
            return DateTime.UtcNow.Ticks < expires ? null : AuthFailure.TokenExpired;
        }

        return AuthFailure.UnknownToken;
    }
}
