namespace RunAi.Client.Diagnostics
{
    /// <summary>Receives the client's one-line reports of what it does. Lines never contain a secret.</summary>
    public interface IRunAiDiagnosticsListener
    {
        /// <summary>What request goes where (method, path, page).</summary>
        void Verbose(string message);

        /// <summary>Status, timing, retries and token renewals.</summary>
        void Debug(string message);

        /// <summary>A page of a list arrived: <paramref name="what"/> is what is listed ("events of workload …").</summary>
        void PageReceived(string what, int pageNumber, int itemCount);
    }
}
