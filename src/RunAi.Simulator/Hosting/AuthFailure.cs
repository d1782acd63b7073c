namespace RunAi.Simulator.Hosting;

/// <summary>Why a request's bearer token was refused.</summary>
internal enum AuthFailure
{
    MissingHeader,
    NotBearer,
    EmptyToken,
    TokenExpired,
    UnknownToken,
}

internal static class AuthFailures
{
    /// <summary>The details text of the 401 answer.</summary>
    public static string Describe(this AuthFailure failure) => failure switch
    {
        AuthFailure.MissingHeader => "missing Authorization header",
        AuthFailure.NotBearer => "Authorization header must use the Bearer scheme",
        AuthFailure.EmptyToken => "empty bearer token",
        AuthFailure.TokenExpired => "token expired",
        _ => "invalid token",
    };
}
