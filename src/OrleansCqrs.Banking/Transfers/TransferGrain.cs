using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing;
using OrleansCqrs.EventSourcing.Aggregates;
using Microsoft.Extensions.Logging;

namespace OrleansCqrs.Banking.Transfers;

/// <summary>
/// Runs a transfer across two account aggregates: debit, credit, and give the money back when the credit
/// is refused. Each step is recorded before the next is sent and every account command carries an id
/// derived from the transfer id, so a transfer interrupted anywhere resumes without doing a step twice.
/// </summary>
[GrainType("transfer")]
public sealed class TransferGrain : EventSourcedGrain<TransferState, ITransferEvent>, ITransferGrain, IRemindable
{
    /// <summary>Set before the first step and removed at the end: a transfer whose silo died mid-way is driven on by it.</summary>
    private const string ResumeReminder = "resume";

    private bool _resumeRegistered;

    private TimeSpan ResumeAfter => ServiceProvider.GetService<IOptions<TransferOptions>>()?.Value.ResumeAfter ?? new TransferOptions().ResumeAfter;

    protected override TransferState InitialState => TransferState.Initial;

    protected override TransferState Evolve(TransferState state, ITransferEvent @event) => Transfer.Evolve(state, @event);

    private string TransferId => Stream.AggregateId;

    public async Task<TransferResult> Execute(TransferFunds command)
    {
        await EnsureCurrentAsync();
        // Only a transfer not started yet needs its source account; a retry is decided on the transfer's own state.
        var source = Current.Status == TransferStatus.NotStarted && AggregateKey.IsValidId(command.FromAccountId)
            ? await Account(command.FromAccountId).GetDetails()
            : null;
        if (Current.Status == TransferStatus.NotStarted)
        {
            // Before the first fact is stored: once TransferRequested is in the log, the reminder already exists to drive it
            // on, whatever fails next. A reminder that fires for a transfer never started removes itself.
            await RememberToResumeAsync();
        }

        var started = await Execute(command, state => Transfer.Start(state, command, source));
        if (started.Accepted)
        {
            await DriveToEndSafely();
        }
        else if (Current.Status == TransferStatus.NotStarted)
        {
            await ForgetReminderAsync(); // refused before its first fact: nothing to resume
        }

        return new TransferResult(started, Details());
    }

    public async Task<TransferDetails> GetDetails()
    {
        await EnsureCurrentAsync();
        await DriveToEndSafely();
        return Details();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await EnsureCurrentAsync();
            await DriveToEndSafely();
        }
        catch (Exception error) when (error is AggregateStoreException or TimeoutException or Orleans.Runtime.OrleansException)
        {
            // The next tick tries again; one line, not a stack trace per minute.
            ServiceProvider.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()?.CreateLogger<TransferGrain>()
                .LogTransferStillUnfinished(Stream.ToString(), Current.Status.ToString(), error.GetType().Name, error.Message, ResumeAfter);
        }
    }

    /// <summary>
    /// Drives the transfer on under a reminder: if this silo dies (or a step's store call fails) before the end,
    /// the reminder activates the transfer again and it goes on from its last recorded step.
    /// </summary>
    private async Task DriveToEndSafely()
    {
        if (Current.Status is TransferStatus.NotStarted || Details().IsFinished)
        {
            await ForgetReminderAsync();
            return;
        }

        await RememberToResumeAsync();
        await DriveToEnd();
        await ForgetReminderAsync();
    }

    /// <summary>Registers the resume reminder once per activation's run (each registration is a database write).</summary>
    private async Task RememberToResumeAsync()
    {
        if (!_resumeRegistered)
        {
            await this.RegisterOrUpdateReminder(ResumeReminder, ResumeAfter, ResumeAfter);
            _resumeRegistered = true;
        }
    }

    private async Task ForgetReminderAsync()
    {
        _resumeRegistered = false;
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<IReadOnlyList<EventEnvelope>> GetHistory(long fromVersion, int maxCount) => ReadHistory(fromVersion, maxCount);

    private async Task DriveToEnd()
    {
        while (true)
        {
            var transfer = Current;
            switch (transfer.Status)
            {
                case TransferStatus.Requested:
                    var debit = await Account(transfer.FromAccountId).Debit(
                        new DebitForTransfer($"{TransferId}:debit", TransferId, transfer.ToAccountId, transfer.Amount, transfer.Currency));
                    await Record("debit-answered", state => Transfer.DebitAnswered(state, debit));
                    break;
                case TransferStatus.Debited:
                    var credit = await CreditDestinationAsync(transfer);
                    await Record("credit-answered", state => Transfer.CreditAnswered(state, credit));
                    break;
                case TransferStatus.CreditRefused:
                    var reversal = await Account(transfer.FromAccountId).ReverseDebit(
                        new ReverseTransferDebit($"{TransferId}:reverse", TransferId, transfer.Amount, transfer.Error?.Code ?? "credit_refused"));
                    if (reversal.Error is { } refused)
                    {
                        throw new InvalidOperationException($"Transfer {TransferId}: the source account refused the compensation: {refused}");
                    }

                    await Record("compensated", Transfer.Compensated);
                    break;
                default:
                    return;
            }
        }
    }

    /// <summary>
    /// The destination's answer to the credit. A destination that can never take it (its id names no stream, its stream
    /// cannot be read) is a refusal like any domain refusal, so the money goes back; only a store that is away (the
    /// outcome may still come) leaves the step to be tried again.
    /// </summary>
    private async Task<CommandResult> CreditDestinationAsync(TransferState transfer)
    {
        try
        {
            return await Account(transfer.ToAccountId).Credit(
                new CreditFromTransfer($"{TransferId}:credit", TransferId, transfer.FromAccountId, transfer.Amount, transfer.Currency));
        }
        catch (AggregateStoreException refused) when (refused is not (StoreUnavailableException or CommandOutcomeUnknownException))
        {
            return CommandResult.Rejected(new DomainError(refused.Code, $"The destination account cannot take the credit: {refused.Message}"), 0);
        }
    }

    private async Task Record(string step, Func<TransferState, Decision<ITransferEvent>> decide)
    {
        var result = await Execute(new TransferStep($"{TransferId}:{step}"), decide);
        if (result.Error is { } error)
        {
            throw new InvalidOperationException($"Transfer {TransferId} could not record step {step}: {error}");
        }
    }

    private IAccountGrain Account(string accountId) => GrainFactory.GetGrain<IAccountGrain>(AggregateKey.For(Stream.TenantId, accountId));

    private TransferDetails Details() => new(
        TransferId, Current.Status, Current.FromAccountId, Current.ToAccountId, Current.Amount, Current.Currency, Current.Error, Version);
}

internal static partial class TransferLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer {Transfer} is still {Status}: {ErrorType}: {Reason}. It is tried again in {Interval}")]
    public static partial void LogTransferStillUnfinished(this ILogger logger, string transfer, string status, string errorType, string reason, TimeSpan interval);
}
