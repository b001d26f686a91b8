using Bunit;
using ChatApp.Core.Chat;
using ChatApp.Web.Components.Pages.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace ChatApp.Tests.Components.Rooms;

/// <summary>A tab that closes while the page is asking its browser something is not an error.</summary>
public sealed class ClosingTabTests : ChatComponentTest
{
    private readonly ErrorLog errors = new();

    public ClosingTabTests() => Services.AddSingleton<ILoggerProvider>(errors);

    [Theory]
    [InlineData("disconnected")]
    [InlineData("disposed")]
    public void ACallIntoAClosedTabIsNotLoggedAsAnError(string how)
    {
        Exception gone = how switch
        {
            "disconnected" => new JSDisconnectedException("The circuit has disconnected."),
            _ => new ObjectDisposedException("IJSRuntime"),
        };
        var module = JSInterop.SetupModule("./Components/Pages/Rooms/RoomView.razor.js");
        module.Setup<string?>("timeZone").SetException(gone);

        var page = Render<RoomView>(p => p.Add(x => x.Slug, Room.LobbySlug));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=room-title]")));
        module.VerifyInvoke("timeZone");
        Assert.Empty(errors.Entries);
    }

    private sealed class ErrorLog : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ErrorLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    log.Entries.Enqueue($"{category}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}
