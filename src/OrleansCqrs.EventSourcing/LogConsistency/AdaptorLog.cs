using Microsoft.Extensions.Logging;

namespace OrleansCqrs.EventSourcing.LogConsistency;

/// <summary>The adaptor's log lines. They name streams and error codes, never payloads.</summary>
internal static partial class AdaptorLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on {EventCount} event(s) for {Stream}: {Code}")]
    public static partial void Abandoned(ILogger logger, string stream, int eventCount, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load {Stream}: {Reason}")]
    public static partial void LoadFailed(ILogger logger, string stream, string reason);
}
