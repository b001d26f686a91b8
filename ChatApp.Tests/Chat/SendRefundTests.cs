using ChatApp.Core.Chat;
using ChatApp.Core.Events;
using ChatApp.Core.Data;
using ChatApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatApp.Tests.Chat;

/// <summary>A send that passed the rate limit and then failed to be stored gives its budget back.</summary>
public sealed class SendRefundTests : ChatServiceTest
{
    private FailingSaveDbContextFactory database = default!;
    private ChatService service = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        database = new FailingSaveDbContextFactory(Provider.GetRequiredService<DbContextOptions<ChatDbContext>>());
        service = new ChatService(database, Get<IEventBus>(), Get<SendRateLimiter>(), Get<RoomAccessRegistry>(), Get<RoomHistoryCache>(), Get<ChatApp.Core.Chat.Content.MessageContent>(), Options.Create(Chat.Options), Chat.Time,
            Get<ChatApp.Core.Diagnostics.ChatMetrics>(), Get<InFlightSends>());
    }

    [Fact]
    public async Task SendsLostToADatabaseFailureDoNotCountAgainstTheLimit()
    {
        database.Failing = true;
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), $"lost {i}"));
        }
        database.Failing = false;

        var sends = new List<ChatResult<MessageView>>();
        for (var i = 0; i < Chat.Options.SendLimitCount; i++)
        {
            sends.Add(await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), $"kept {i}"));
        }

        Assert.All(sends, s => Assert.True(s.Succeeded, s.Error?.Message));
        Assert.Equal(ChatErrorKind.TooFast, (await service.SendAsync(Alice.Id, Lobby.Id, Guid.NewGuid(), "one too many")).Error?.Kind);
    }

    [Fact]
    public void RefundingFromManyThreadsAtOnceGivesBackExactlyWhatWasTaken()
    {
        var limiter = Get<SendRateLimiter>();
        var permits = new System.Collections.Concurrent.ConcurrentBag<SendPermit>();

        Parallel.For(0, 200, i =>
        {
            if (limiter.TryAcquire(Alice.Id) is { } permit)
            {
                permits.Add(permit);
                limiter.Refund(permit);
            }
        });

        Assert.NotEmpty(permits);
        Assert.Equal(Chat.Options.SendLimitCount, Enumerable.Range(0, 50).Count(_ => limiter.TryAcquire(Alice.Id) is not null));
    }
}
