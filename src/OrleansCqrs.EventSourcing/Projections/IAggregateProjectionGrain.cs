namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>Marks projection grains as string-keyed like their aggregates, which implicit stream subscriptions need.</summary>
public interface IAggregateProjectionGrain : IGrainWithStringKey;
