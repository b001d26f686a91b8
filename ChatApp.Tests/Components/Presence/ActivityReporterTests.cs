using Bunit;
using ChatApp.Web.Components.Presence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using ChatApp.Tests.Infrastructure;

namespace ChatApp.Tests.Components.Presence;

public sealed class ActivityReporterTests : ChatComponentTest
{
    private readonly LogCollector logs = new();

    public ActivityReporterTests() => Services.AddSingleton<ILoggerProvider>(logs);

    [Fact]
    public void ATabClosingWhileStartingLogsNoError()
    {
        var gone = new JSDisconnectedException("The circuit went away.");
        var module = JSInterop.SetupModule("./Components/Presence/ActivityReporter.razor.js");
        module.SetupVoid("start", _ => true).SetException(gone);

        var reporter = Render<ActivityReporter>();

        Assert.NotNull(reporter);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }
}
