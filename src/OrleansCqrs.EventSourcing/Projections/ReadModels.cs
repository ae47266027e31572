namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>The read models registered in this silo, by name.</summary>
public sealed class ReadModels(IEnumerable<IReadModel> models)
{
    private readonly Dictionary<string, IReadModel> _byName = models.ToDictionary(m => m.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<IReadModel> All => _byName.Values;

    public IReadModel Get(string name) => _byName.TryGetValue(name, out var model)
        ? model
        : throw new ArgumentException($"There is no read model '{name}'. Known: {string.Join(", ", _byName.Keys.Order())}.", nameof(name));
}
