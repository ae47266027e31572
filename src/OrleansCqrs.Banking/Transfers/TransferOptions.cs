namespace OrleansCqrs.Banking.Transfers;

public sealed class TransferOptions
{
    /// <summary>
    /// How long an unfinished transfer (its silo died, or a step's store call failed) waits before its reminder drives
    /// it on; also the reminder's period. Orleans refuses periods below its ReminderOptions.MinimumReminderPeriod.
    /// </summary>
    public TimeSpan ResumeAfter { get; set; } = TimeSpan.FromMinutes(1);
}
