using Xunit.Abstractions;

namespace ChatApp.E2E.Infrastructure;

/// <summary>
/// Base of every end-to-end test class in the app collection: each test gets its own <see cref="TestRun"/>, so the
/// people it creates are signed out and their tabs closed when it ends, and a failure shows the server log and every
/// tab's console of that test.
/// </summary>
public abstract class E2ETest(AppFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    protected AppFixture App { get; } = fixture;

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>This test's contexts, logs and console.</summary>
    protected TestRun Run { get; private set; } = default!;

    public virtual async Task InitializeAsync() => Run = await App.BeginTestAsync(Output);

    public virtual async Task DisposeAsync() => await App.EndTestAsync(Run);
}
