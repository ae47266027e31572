namespace OrleansCqrs.EventSourcing.LogConsistency;

/// <summary>Implemented by grains that want a handle on their <see cref="IEventStoreLogView"/>.</summary>
public interface IEventStoreLogViewHost
{
    void Attach(IEventStoreLogView logView);
}
