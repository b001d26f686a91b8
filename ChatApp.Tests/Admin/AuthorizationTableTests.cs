using ChatApp.Core.Admin;
using ChatApp.Core.Chat;
using ChatApp.Core.Data;
using ChatApp.Core.Presence;
using ChatApp.Core.Rooms;
using ChatApp.Core.Typing;
using ChatApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Admin;

/// <summary>Every operation against every kind of actor, enforced by the Core services from the user id alone.</summary>
public sealed class AuthorizationTableTests : IAsyncLifetime
{
    public enum Who { Admin, Member, NonMember, LockedUser, Anonymous }

    public enum Operation { ReadHistory, Send, ListPresence, SubscribeToTyping, ManageRoom, ManageMembers, LockUser }

    private static readonly Operation[] MemberMay = [Operation.ReadHistory, Operation.Send, Operation.ListPresence, Operation.SubscribeToTyping];

    public static TheoryData<Who, Operation, bool> Table()
    {
        var table = new TheoryData<Who, Operation, bool>();
        foreach (var who in Enum.GetValues<Who>())
        {
            foreach (var operation in Enum.GetValues<Operation>())
            {
                var allowed = who switch
                {
                    Who.Admin => true,
                    Who.Member => MemberMay.Contains(operation),
                    _ => false,
                };
                table.Add(who, operation, allowed);
            }
        }
        return table;
    }

    private readonly ChatTestServices chat = new();
    private ServiceProvider provider = default!;
    private Room secret = default!;
    private ChatUser victim = default!;
    private readonly Dictionary<Who, string> ids = [];

    public async Task InitializeAsync()
    {
        provider = await ChatTestServices.StartAsync(chat);
        secret = await ChatTestServices.CreateRoomAsync(provider, "secret", isPrivate: true);
        var admin = await ChatTestServices.CreateUserAsync(provider, "Admin1");
        var member = await ChatTestServices.CreateUserAsync(provider, "Member");
        var outsider = await ChatTestServices.CreateUserAsync(provider, "Outsider");
        var locked = await ChatTestServices.CreateUserAsync(provider, "Locked");
        victim = await ChatTestServices.CreateUserAsync(provider, "Victim");
        await ChatTestServices.AddMemberAsync(provider, secret, member);
        await ChatTestServices.AddMemberAsync(provider, secret, locked);
        await using (var scope = provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(admin.Id))!, ChatService.AdminRole);
        }
        await ChatTestServices.LockAsync(provider, locked);
        ids[Who.Admin] = admin.Id;
        ids[Who.Member] = member.Id;
        ids[Who.NonMember] = outsider.Id;
        ids[Who.LockedUser] = locked.Id;
        ids[Who.Anonymous] = "";
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await chat.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task ServiceAllowsOnlyWhatTheActorMayDo(Who who, Operation operation, bool allowed)
    {
        var error = await AttemptAsync(ids[who], operation);

        if (allowed)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Equal(ChatErrorKind.NotAllowed, error?.Kind);
        }
    }

    private async Task<ChatError?> AttemptAsync(string actorId, Operation operation)
    {
        var chatService = provider.GetRequiredService<ChatService>();
        var rooms = provider.GetRequiredService<RoomAdministration>();
        var accounts = provider.GetRequiredService<AccountAdministration>();
        switch (operation)
        {
            case Operation.ReadHistory:
                return (await chatService.GetHistoryAsync(actorId, secret.Id)).Error;
            case Operation.Send:
                return (await chatService.SendAsync(actorId, secret.Id, Guid.NewGuid(), "hello")).Error;
            case Operation.ListPresence:
                // Presence and typing take an open room: whoever cannot open it gets nothing to watch them with.
                var forPresence = await chatService.OpenRoomAsync(actorId, secret.Id);
                if (forPresence.Value is not { } presenceAccess)
                {
                    return forPresence.Error;
                }
                using (presenceAccess)
                {
                    var watch = provider.GetRequiredService<RoomPresenceService>().Watch(presenceAccess, _ => Task.CompletedTask);
                    watch.Value?.Dispose();
                    return watch.Error;
                }
            case Operation.SubscribeToTyping:
                var forTyping = await chatService.OpenRoomAsync(actorId, secret.Id);
                if (forTyping.Value is not { } typingAccess)
                {
                    return forTyping.Error;
                }
                using (typingAccess)
                {
                    var typing = provider.GetRequiredService<TypingService>().Subscribe(typingAccess, _ => { });
                    typing.Value?.Dispose();
                    return typing.Error;
                }
            case Operation.ManageRoom:
                return await rooms.UpdateRoomAsync(actorId, secret.Id, "Renamed", "new topic");
            case Operation.ManageMembers:
                return (await rooms.AddMemberAsync(actorId, secret.Id, victim.DisplayName)).Error;
            case Operation.LockUser:
                return await accounts.LockUserAsync(actorId, victim.Id, "spam");
            default:
                throw new ArgumentOutOfRangeException(nameof(operation));
        }
    }
}
