using ChatApp.Core.Presence;
using Microsoft.Extensions.Options;

namespace ChatApp.Tests.Presence;

public sealed class TabLimiterTests
{
    private static TabLimiter Limiter(int max) => new(Options.Create(new PresenceOptions { MaxTabsPerUser = max }));

    [Fact]
    public void TheTabBeyondTheLimitIsRefusedUntilOneCloses()
    {
        var tabs = Limiter(2);

        Assert.True(tabs.TryOpen("alice", "a1"));
        Assert.True(tabs.TryOpen("alice", "a2"));
        Assert.False(tabs.TryOpen("alice", "a3"));
        Assert.True(tabs.TryOpen("bob", "b1"));

        tabs.Close("a1");
        tabs.Close("a1");
        Assert.True(tabs.TryOpen("alice", "a3"));
        Assert.Equal(2, tabs.OpenTabs("alice"));
    }

    [Fact]
    public void OpeningTheSameTabAgainTakesNoSecondSlot()
    {
        var tabs = Limiter(1);

        Assert.True(tabs.TryOpen("alice", "a1"));
        Assert.True(tabs.TryOpen("alice", "a1"));
        Assert.Equal(1, tabs.OpenTabs("alice"));
    }

    [Fact]
    public async Task TabsOpeningTogetherFromManyThreadsNeverGetMoreThanTheLimit()
    {
        var tabs = Limiter(20);
        using var start = new Barrier(16);

        var opened = await Task.WhenAll(Enumerable.Range(0, 16).Select(thread => Task.Run(() =>
        {
            start.SignalAndWait();
            var mine = 0;
            for (var i = 0; i < 10; i++)
            {
                mine += tabs.TryOpen("alice", $"t{thread}-{i}") ? 1 : 0;
                tabs.TryOpen($"user{thread}", $"u{thread}-{i}");
            }
            return mine;
        })));

        Assert.Equal(20, opened.Sum());
        Assert.Equal(20, tabs.OpenTabs("alice"));
        Assert.All(Enumerable.Range(0, 16), t => Assert.Equal(10, tabs.OpenTabs($"user{t}")));
    }

    [Fact]
    public async Task ClosingAndOpeningFromManyThreadsKeepsTheCountRight()
    {
        var tabs = Limiter(5);
        var held = await Task.WhenAll(Enumerable.Range(0, 32).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                if (tabs.TryOpen("alice", $"t{thread}"))
                {
                    tabs.Close($"t{thread}");
                }
            }
            return tabs.TryOpen("alice", $"t{thread}");
        })));

        Assert.Equal(5, held.Count(h => h));
        Assert.Equal(5, tabs.OpenTabs("alice"));
    }
}
