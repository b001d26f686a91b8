using ChatApp.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace ChatApp.Web.Email;

/// <summary>What pages call: queues the mail and returns at once.</summary>
public sealed class QueuedEmailSender(EmailQueue queue) : IEmailSender<ChatUser>
{
    public Task SendConfirmationLinkAsync(ChatUser user, string email, string confirmationLink)
    {
        queue.Enqueue(new(user.Id, "confirmation link", sender => sender.SendConfirmationLinkAsync(user, email, confirmationLink)));
        return Task.CompletedTask;
    }

    public Task SendPasswordResetLinkAsync(ChatUser user, string email, string resetLink)
    {
        queue.Enqueue(new(user.Id, "password reset link", sender => sender.SendPasswordResetLinkAsync(user, email, resetLink)));
        return Task.CompletedTask;
    }

    public Task SendPasswordResetCodeAsync(ChatUser user, string email, string resetCode)
    {
        queue.Enqueue(new(user.Id, "password reset code", sender => sender.SendPasswordResetCodeAsync(user, email, resetCode)));
        return Task.CompletedTask;
    }
}
