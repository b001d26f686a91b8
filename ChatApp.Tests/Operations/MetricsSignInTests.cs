using System.Diagnostics.Metrics;
using System.Net;
using ChatApp.Core.Diagnostics;
using ChatApp.Tests.Integration.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChatApp.Tests.Operations;

/// <summary>Failed sign-ins counted with why, and the limits that refuse sign-ins counted by name.</summary>
public sealed class MetricsSignInTests
{
    private static MetricCollector<long> Collect(AccountTestHost host, string instrument) =>
        new(host.Services.GetRequiredService<IMeterFactory>(), ChatMetrics.MeterName, instrument);

    private static IEnumerable<(string? Tag, long Value)> Tagged(MetricCollector<long> collector, string tag) =>
        collector.GetMeasurementSnapshot().Select(m => (m.Tags.TryGetValue(tag, out var value) ? value as string : null, m.Value));

    [Fact]
    public async Task FailedSignInsAreCountedWithTheirReasonAndASuccessIsNot()
    {
        await using var host = new AccountTestHost();
        var victor = await host.CreateUserAsync("Victor");
        using var failures = Collect(host, ChatMetrics.Names.SignInFailures);
        var browser = host.Client();

        await browser.SignInAsync(victor.Email!, "wrong-guess-long-1");
        await browser.SignInAsync("nobody@example.test", "wrong-guess-long-2");
        await browser.SignInAsync(victor.Email!, AccountTestHost.Password);

        Assert.Equal(
            [(ChatMetrics.SignInFailureReasons.BadPassword, 1L), (ChatMetrics.SignInFailureReasons.UnknownAccount, 1L)],
            Tagged(failures, ChatMetrics.ReasonTag));
    }

    [Fact]
    public async Task ASignInRefusedByTheFormLimiterIsCountedUnderItsPolicy()
    {
        await using var host = new AccountTestHost(new Dictionary<string, string>
        {
            ["RateLimits:SignIn:PermitLimit"] = "1",
            ["RateLimits:SignIn:Window"] = "01:00:00",
        });
        using var refusals = Collect(host, ChatMetrics.Names.RateLimitRefusals);
        var browser = host.Client();
        await browser.SignInAsync("nobody@example.test", "wrong-guess-long-1");
        Assert.Empty(refusals.GetMeasurementSnapshot());

        var refused = await browser.SignInAsync("nobody@example.test", "wrong-guess-long-2");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal([("sign-in", 1L)], Tagged(refusals, ChatMetrics.LimitTag));
    }

    [Fact]
    public async Task ASignInHeldBackByTheFailedSignInThrottleIsCountedAsARefusalNotAFailure()
    {
        await using var host = new AccountTestHost(new Dictionary<string, string>
        {
            ["RateLimits:FailedSignInsPerAccount:PermitLimit"] = "2",
            ["RateLimits:FailedSignInsPerAccount:Window"] = "01:00:00",
        });
        var victor = await host.CreateUserAsync("Victor");
        using var refusals = Collect(host, ChatMetrics.Names.RateLimitRefusals);
        using var failures = Collect(host, ChatMetrics.Names.SignInFailures);
        var browser = host.Client();

        for (var i = 0; i < 3; i++)
        {
            await browser.SignInAsync(victor.Email!, $"wrong-guess-long-{i}");
        }

        Assert.Equal(2, failures.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal([(ChatMetrics.Limits.FailedSignIns, 1L)], Tagged(refusals, ChatMetrics.LimitTag));
    }
}
