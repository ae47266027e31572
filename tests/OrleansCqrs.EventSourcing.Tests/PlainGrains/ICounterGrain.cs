namespace OrleansCqrs.EventSourcing.Tests.PlainGrains;

public interface ICounterOperations
{
    /// <summary>RaiseEvent, then ConfirmEvents.</summary>
    Task Add(int amount, string? note = null);

    /// <summary>RaiseEvent alone; <see cref="Confirm"/> later.</summary>
    Task Raise(int amount);

    Task Confirm();

    /// <summary>RaiseConditionalEvent; false when the stream moved.</summary>
    Task<bool> TryAdd(int amount);

    Task<(int Value, int Version, int Notes)> Read();

    Task<int> TentativeValue();

    Task Refresh();

    Task<IReadOnlyList<int>> Amounts(int fromVersion, int toVersion);

    Task Clear();
}

public interface ICounterGrain : ICounterOperations, IGrainWithStringKey
{
}

public interface ICompoundCounterGrain : ICounterOperations, IGrainWithIntegerCompoundKey
{
}

public interface IGuidCounterGrain : ICounterOperations, IGrainWithGuidKey
{
}
