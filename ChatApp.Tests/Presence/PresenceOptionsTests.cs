using ChatApp.Core.Presence;
using Microsoft.Extensions.Configuration;

namespace ChatApp.Tests.Presence;

public sealed class PresenceOptionsTests
{
    [Fact]
    public void DefaultsAreTheDesignedOnes()
    {
        var options = new PresenceOptions();

        Assert.Equal("Presence", PresenceOptions.SectionName);
        Assert.Equal(TimeSpan.FromSeconds(5), options.LeaveDebounce);
        Assert.Equal(TimeSpan.FromSeconds(30), options.DisconnectGrace);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.DiffTick);
        Assert.Equal(TimeSpan.FromMilliseconds(0.5), options.FlushCostPerSubscriber);
        Assert.Equal(TimeSpan.FromSeconds(1), options.MaxFlushInterval);
    }

    [Fact]
    public void OptionsBindFromThePresenceSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Presence:LeaveDebounce"] = "00:00:02",
            ["Presence:DisconnectGrace"] = "00:01:00",
            ["Presence:DiffTick"] = "00:00:00",
            ["Presence:FlushCostPerSubscriber"] = "00:00:00.001",
            ["Presence:MaxFlushInterval"] = "00:00:02",
            ["Presence:NodeId"] = "web-1",
        }).Build();

        var options = configuration.GetSection(PresenceOptions.SectionName).Get<PresenceOptions>()!;

        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), TimeSpan.Zero, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2), "web-1"),
            (options.LeaveDebounce, options.DisconnectGrace, options.DiffTick, options.FlushCostPerSubscriber, options.MaxFlushInterval, options.NodeId));
    }

    [Fact]
    public void NegativeDurationsAreRejected()
    {
        var time = TimeProvider.System;
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new PresenceTracker(time, Microsoft.Extensions.Options.Options.Create(new PresenceOptions { DiffTick = TimeSpan.FromSeconds(-1) })));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new PresenceTracker(time, Microsoft.Extensions.Options.Options.Create(new PresenceOptions { DisconnectGrace = TimeSpan.FromSeconds(-5) })));
    }

    [Fact]
    public void WithoutANodeIdTheMachineAndProcessNameTheNode()
    {
        using var tracker = new PresenceTracker(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new PresenceOptions()));

        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", tracker.NodeId);
    }
}
