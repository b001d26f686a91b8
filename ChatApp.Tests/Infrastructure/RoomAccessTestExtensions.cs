using ChatApp.Core.Chat;
using ChatApp.Core.Rooms;

namespace ChatApp.Tests.Infrastructure;

/// <summary>
/// For tests that only look at what a user may read, not at a room kept open: open the room as that user, do the one
/// thing, let the access go (so a refusal to open comes back as the same error).
/// </summary>
public static class RoomAccessTestExtensions
{
    public static async Task<ChatResult<MessagePage>> GetHistoryAsync(this ChatService chat, string userId, int roomId, long? beforeSeq = null)
    {
        var opened = await chat.OpenRoomAsync(userId, roomId);
        if (!opened.Succeeded)
        {
            return opened.Error!;
        }
        using var access = opened.Value!;
        return await chat.GetHistoryAsync(access, beforeSeq);
    }

    /// <summary>The room's live messages as this user; disposing the result ends the watch and the access.</summary>
    public static async Task<ChatResult<IDisposable>> WatchRoomAsync(this ChatService chat, string userId, int roomId, Func<MessageView, Task> onMessage)
    {
        var opened = await chat.OpenRoomAsync(userId, roomId);
        if (!opened.Succeeded)
        {
            return opened.Error!;
        }
        var watch = chat.WatchRoom(opened.Value!, onMessage);
        return watch.Succeeded ? ChatResult<IDisposable>.Ok(new Both(watch.Value!, opened.Value!)) : watch.Error!;
    }

    /// <summary>An access the test keeps (it fails the test if the room cannot be opened).</summary>
    public static async Task<RoomAccess> OpenAsync(this ChatService chat, string userId, int roomId)
    {
        var opened = await chat.OpenRoomAsync(userId, roomId);
        Assert.True(opened.Succeeded, opened.Error?.Message);
        return opened.Value!;
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
