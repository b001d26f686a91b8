using System.Collections;
using System.Reflection;
using System.Text.Json;
using ChatApp.Core.Events;

namespace ChatApp.Tests.Backplane.Events;

/// <summary>
/// A filled-in sample of every <see cref="ChatEvent"/> record of ChatApp.Core, built by reflection from its
/// constructor, so a new event type is tested the day it is added: every value set (no defaults, no nulls, lists of
/// two), from the types events are made of. A type it cannot build fails with that type's name.
/// </summary>
internal static class EventSamples
{
    public static IReadOnlyList<Type> Types { get; } = typeof(ChatEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(ChatEvent)) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<ChatEvent> All() => [.. Types.Select(Of)];

    public static ChatEvent Of(Type type) => (ChatEvent)Build(type, type.Name, depth: 0);

    /// <summary>Records compare their lists by reference: two events are the same when they serialize the same.</summary>
    public static string Json(ChatEvent @event) => JsonSerializer.Serialize(@event, @event.GetType());

    private static object Build(Type type, string path, int depth)
    {
        if (depth > 5)
        {
            throw new InvalidOperationException($"{path}: nested too deep for a sample");
        }
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Build(inner, path, depth);
        }
        if (type.IsEnum)
        {
            // The last value: not the default, so a lost value shows.
            return Enum.GetValues(type).Cast<object>().Last();
        }
        var seed = path.Sum(c => c) % 1000 + 1; // stable, and different from field to field
        object? simple = type switch
        {
            _ when type == typeof(string) => $"{path} ✓ \"quoted\" <b>",
            _ when type == typeof(int) => seed,
            _ when type == typeof(long) => seed * 1_000_000_007L,
            _ when type == typeof(bool) => true,
            _ when type == typeof(Guid) => new Guid(seed, 2, 3, [4, 5, 6, 7, 8, 9, 10, 11]),
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 11, 30, 4, 5, 6, 789, TimeSpan.FromHours(1)),
            _ when type == typeof(DateTime) => new DateTime(2026, 11, 30, 4, 5, 6, DateTimeKind.Utc),
            _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds(seed),
            _ => null,
        };
        if (simple is not null)
        {
            return simple;
        }
        if (ElementType(type) is { } element)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Build(element, path + "[0]", depth + 1));
            list.Add(Build(element, path + "[1]", depth + 1));
            return type.IsArray ? ToArray(list, element) : list;
        }
        if (type.IsClass && type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault() is { } constructor)
        {
            var arguments = constructor.GetParameters().Select(p => Build(p.ParameterType, $"{path}.{p.Name}", depth + 1)).ToArray();
            return constructor.Invoke(arguments);
        }
        throw new InvalidOperationException($"{path}: no sample for a {type.Name}; teach EventSamples this type");
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        // IReadOnlyList<T>, IEnumerable<T>, List<T>...: whatever a List<T> can be.
        if (type.IsGenericType && type.GetGenericArguments() is [var element] && type.IsAssignableFrom(typeof(List<>).MakeGenericType(element)))
        {
            return element;
        }
        return null;
    }

    private static Array ToArray(IList list, Type element)
    {
        var array = Array.CreateInstance(element, list.Count);
        list.CopyTo(array, 0);
        return array;
    }
}
