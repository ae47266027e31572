using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing;
using OrleansCqrs.EventSourcing.Aggregates;

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

    private TimeSpan ResumeAfter => ServiceProvider.GetService<IOptions<TransferOptions>>()?.Value.ResumeAfter ?? new TransferOptions().ResumeAfter;

    protected override TransferState InitialState => TransferState.Initial;

    protected override TransferState Evolve(TransferState state, ITransferEvent @event) => Transfer.Evolve(state, @event);

    private string TransferId => Stream.AggregateId;

    public async Task<TransferResult> Execute(TransferFunds command)
    {
        await EnsureCurrentAsync();
        // Only a transfer not started yet needs its source account; a retry is decided on the transfer's own state.
        var source = Current.Status == TransferStatus.NotStarted ? await Account(command.FromAccountId).GetDetails() : null;
        var started = await Execute(command, state => Transfer.Start(state, command, source));
        if (started.Accepted)
        {
            await DriveToEndSafely();
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
        await EnsureCurrentAsync();
        await DriveToEndSafely();
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

        await this.RegisterOrUpdateReminder(ResumeReminder, ResumeAfter, ResumeAfter);
        await DriveToEnd();
        await ForgetReminderAsync();
    }

    private async Task ForgetReminderAsync()
    {
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
                    var credit = await Account(transfer.ToAccountId).Credit(
                        new CreditFromTransfer($"{TransferId}:credit", TransferId, transfer.FromAccountId, transfer.Amount, transfer.Currency));
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
