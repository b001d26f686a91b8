using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.People;
using ChatApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.People;

public sealed class PeopleServiceTests : IAsyncLifetime
{
    private readonly ChatTestServices chat = new();
    private ServiceProvider provider = default!;
    private PeopleService people = default!;
    private ChatUser alice = default!;
    private ChatUser bob = default!;

    public async Task InitializeAsync()
    {
        provider = await ChatTestServices.StartAsync(chat);
        people = provider.GetRequiredService<PeopleService>();
        alice = await ChatTestServices.CreateUserAsync(provider, "Alice");
        bob = await ChatTestServices.CreateUserAsync(provider, "Bob");
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await chat.DisposeAsync();
    }

    [Fact]
    public async Task StarringSomeoneMarksThemWatchedForTheViewerOnly()
    {
        Assert.Null(await people.SetWatchedAsync(alice.Id, bob.Id, watched: true));

        Assert.True((await people.ListAsync(alice.Id)).Single(p => p.UserId == bob.Id).IsWatched);
        Assert.False((await people.ListAsync(bob.Id)).Single(p => p.UserId == alice.Id).IsWatched);
        Assert.Equal([bob.Id], await people.WatchedByAsync(alice.Id));
    }

    [Fact]
    public async Task StarringTwiceOrUnstarringTwiceIsHarmless()
    {
        await people.SetWatchedAsync(alice.Id, bob.Id, watched: true);
        Assert.Null(await people.SetWatchedAsync(alice.Id, bob.Id, watched: true));
        Assert.Single(await people.WatchedByAsync(alice.Id));

        await people.SetWatchedAsync(alice.Id, bob.Id, watched: false);
        Assert.Null(await people.SetWatchedAsync(alice.Id, bob.Id, watched: false));
        Assert.Empty(await people.WatchedByAsync(alice.Id));
    }

    [Fact]
    public async Task StarringFromManyTabsAtOnceKeepsOneStar()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => people.SetWatchedAsync(alice.Id, bob.Id, watched: true))));

        Assert.All(results, Assert.Null);
        Assert.Single(await people.WatchedByAsync(alice.Id));
    }

    [Fact]
    public async Task NobodyCanStarThemselvesOrAStranger()
    {
        Assert.Equal(ChatErrorKind.NotAllowed, (await people.SetWatchedAsync(alice.Id, alice.Id, true))?.Kind);
        Assert.Equal(ChatErrorKind.NotFound, (await people.SetWatchedAsync(alice.Id, "nobody", true))?.Kind);
        Assert.Equal(ChatErrorKind.NotAllowed, (await people.SetWatchedAsync("nobody", alice.Id, true))?.Kind);
    }

    [Fact]
    public async Task LastSeenIsRecordedAndListed()
    {
        var at = chat.Time.GetUtcNow().AddMinutes(-3);

        await people.RecordLastSeenAsync(bob.Id, at);

        var listed = await people.ListAsync(alice.Id);
        Assert.Equal(at, listed.Single(p => p.UserId == bob.Id).LastSeenAt);
        Assert.Null(listed.Single(p => p.UserId == alice.Id).LastSeenAt);
    }
}
