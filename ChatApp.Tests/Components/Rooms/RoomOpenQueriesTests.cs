using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Core.Rooms;
using ChatApp.Core.Typing;
using ChatApp.Tests.Infrastructure;
using ChatApp.Web.Components.Pages.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>
/// What opening a room costs the database: every query is a round trip per tab, and a reconnect storm opens
/// every tab's room at once.
/// </summary>
public sealed class RoomOpenQueriesTests : ChatComponentTest
{
    private readonly QueryCounter commands = new();

    public RoomOpenQueriesTests() => Services.AddSingleton<ILoggerProvider>(commands);

    [Fact]
    public async Task OpeningARoomWithHistoryRunsAFixedSmallNumberOfQueries()
    {
        for (var i = 0; i < 20; i++)
        {
            await ChatService.SendAsync(i % 2 == 0 ? Alice.Id : Bob.Id, Lobby.Id, Guid.NewGuid(), $"m{i}");
        }
        commands.Reset();

        var page = Render<RoomPage>(p => p.Add(x => x.Slug, Room.LobbySlug));
        // Open means all of it: history shown, the tab in the room's presence, typing watched.
        page.WaitForAssertion(() =>
        {
            Assert.Equal(20, page.FindAll("[data-testid=message]").Count);
            Assert.NotNull(Presence.Get(RoomPresenceService.RoomTopic(Lobby.Id), Alice.Id, Alice.Id));
            Assert.Equal(1, Events.SubscriberCount<TypingChanged>(EventKey.Room(Lobby.Id)));
        });

        Assert.Equal(ExpectedQueriesPerRoomOpen, commands.Count);

        // Another tab of the room: its newest messages are already held in memory for every tab.
        commands.Reset();
        var another = Render<RoomPage>(p => p.Add(x => x.Slug, Room.LobbySlug));
        another.WaitForAssertion(() => Assert.Equal(20, another.FindAll("[data-testid=message]").Count));
        Assert.Equal(ExpectedQueriesPerRoomOpenOnceHeld, commands.Count);
    }

    /// <summary>
    /// Measured on 2026-11-30: before room access became a capability (issue 9) 19 (six access checks of three
    /// queries, and the history); after 2 (one access check when the room opens, and the history page).
    /// Issue 12 adds two: marking the room read up to what was shown (where the reader was and the room's newest
    /// number in one query, then the forward-only upsert).
    /// </summary>
    private const int ExpectedQueriesPerRoomOpen = 4;

    /// <summary>
    /// Issue 10: the access check only, once a tab of the room has read its newest page (RoomHistoryCache); issue 12:
    /// and where the reader was (marking read writes nothing when another tab already marked it).
    /// </summary>
    private const int ExpectedQueriesPerRoomOpenOnceHeld = 2;
}
