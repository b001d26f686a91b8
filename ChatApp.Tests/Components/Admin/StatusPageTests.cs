using Bunit;
using ChatApp.Core.Diagnostics;
using ChatApp.Web.Components.Pages.Admin;
using ChatApp.Web.Operations.Status;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ChatApp.Tests.Components.Admin;

public sealed class StatusPageTests : AdminComponentTest
{
    private readonly DateTimeOffset start;

    public StatusPageTests()
    {
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new StatusOptions()));
        Services.AddSingleton<StatusBoard>();
        start = Chat.Time.GetUtcNow();
    }

    private async Task<IRenderedComponent<StatusPage>> RenderAsAdminAsync()
    {
        await MakeAliceAdminAsync();
        Render<MudPopoverProvider>();
        var page = Render<StatusPage>();
        page.WaitForState(() => page.FindAll("[data-testid=status-nodes]").Count > 0);
        return page;
    }

    /// <summary>What a node's sampler would publish after its <paramref name="n"/>-th interval.</summary>
    private void Publish(string nodeId, int n, long users = 0, long messages = 0, double? p99Ms = null) =>
        Events.Publish(NodeStatusSample.Key, new NodeStatusSample(nodeId, start.AddSeconds(10 * n), TimeSpan.FromSeconds(10),
            users, users * 2, users, messages, SignInFailures: 0, RateLimitRefusals: 0,
            p99Ms is null ? null : TimeSpan.FromMilliseconds(p99Ms.Value / 2), p99Ms is null ? null : TimeSpan.FromMilliseconds(p99Ms.Value)));

    private static string Metric(IRenderedComponent<StatusPage> page, string metric) =>
        page.Find($"[data-testid=status-metric][data-metric={metric}]").TextContent.Trim();

    [Fact]
    public async Task TheCurrentFiguresAndChartsUpdateLiveWhenASampleArrives()
    {
        var page = await RenderAsAdminAsync();
        Assert.Equal("0", Metric(page, "messages-per-minute"));
        Assert.Equal("–", Metric(page, "send-latency-p99"));

        Publish("node-a", 1, users: 3, messages: 7, p99Ms: 40);

        page.WaitForAssertion(() => Assert.Equal("7", Metric(page, "messages-per-minute")));
        Assert.Equal("3", Metric(page, "users-online"));
        Assert.Equal("6", Metric(page, "tabs"));
        Assert.Equal("40 ms", Metric(page, "send-latency-p99"));

        Publish("node-a", 2, users: 4, messages: 5);

        page.WaitForAssertion(() => Assert.Equal("12", Metric(page, "messages-per-minute")));
        Assert.Equal("4", Metric(page, "users-online"));
        Assert.Equal("–", Metric(page, "send-latency-p99"));
        var charts = page.FindAll("[data-testid=status-chart]").ToDictionary(c => c.GetAttribute("data-metric")!);
        Assert.Equal(["users-online", "tabs", "messages-per-minute", "send-latency", "sign-in-failures"], charts.Keys);
        Assert.Equal("2", charts["users-online"].GetAttribute("data-points"));
        Assert.Equal("1", charts["send-latency"].GetAttribute("data-points"));
        Assert.NotEmpty(charts["users-online"].QuerySelectorAll("svg"));
    }

    [Fact]
    public async Task SeveralInstancesAreAddedUpAndEachCanBeShownAlone()
    {
        var page = await RenderAsAdminAsync();

        Publish("node-a", 1, users: 3, messages: 7);
        Publish("node-b", 1, users: 2, messages: 1);

        page.WaitForAssertion(() => Assert.Equal("8", Metric(page, "messages-per-minute")));
        Assert.Equal("5", Metric(page, "users-online"));
        Assert.Equal("node-a p50 node-a p99 node-b p50 node-b p99",
            page.Find("[data-testid=status-chart][data-metric=send-latency]").GetAttribute("data-nodes"));

        page.Find("[data-testid=status-node][data-node=node-b]").Click();

        page.WaitForAssertion(() => Assert.Equal("1", Metric(page, "messages-per-minute")));
        Assert.Equal("2", Metric(page, "users-online"));
        Assert.Equal("node-b", page.Find("[data-testid=status-chart][data-metric=users-online]").GetAttribute("data-nodes"));
    }

    [Fact]
    public async Task AnInstanceNotHeardFromIsShownDownAndLeavesTheTotals()
    {
        var page = await RenderAsAdminAsync();
        Publish("node-a", 1, users: 3);
        Publish("node-b", 1, users: 2);
        page.WaitForAssertion(() => Assert.Equal("5", Metric(page, "users-online")));

        Chat.Time.Advance(TimeSpan.FromSeconds(40));
        Publish("node-a", 5, users: 3);

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=status-node][data-node=node-b]").GetAttribute("data-down")));
        Assert.Equal("false", page.Find("[data-testid=status-node][data-node=node-a]").GetAttribute("data-down"));
        Assert.Equal("3", Metric(page, "users-online"));
    }

    [Fact]
    public void SomeoneWhoIsNotAnAdministratorIsDeniedAndSeesNoFigures()
    {
        Publish("node-a", 1, users: 3, messages: 7);

        var page = Render<StatusPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=access-denied]")));
        Assert.Empty(page.FindAll("[data-testid=status-metric]"));
        Assert.Empty(page.FindAll("[data-testid=status-chart]"));
    }
}
