namespace ChatApp.Core.Events;

/// <summary>
/// Base of everything that travels on the <see cref="IEventBus"/>. Events are plain records of values (ids, text,
/// times, enums, lists of those): no delegates, no entities, nothing tied to one process, so each one round-trips
/// through System.Text.Json unchanged and can cross to another app instance.
/// </summary>
public abstract record ChatEvent;
