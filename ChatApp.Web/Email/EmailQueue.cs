using System.Threading.Channels;
using ChatApp.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace ChatApp.Web.Email;

/// <summary>
/// Account emails waiting to go out. Pages only queue them, so that a known address (a mail is built and sent) and an
/// unknown one (nothing is sent) answer in the same time and the answer's speed does not tell which addresses have
/// accounts; a slow mail server no longer slows a page either. Bounded: a flood fills it and the excess is dropped
/// (and logged), rather than growing memory.
/// </summary>
public sealed class EmailQueue(ILogger<EmailQueue> logger)
{
    /// <summary>Mails waiting at most; each address also gets at most a few an hour (see <see cref="SmtpEmailSender"/>).</summary>
    public const int Capacity = 1000;

    /// <summary>The service key of the sender that really delivers (SMTP); the queue's worker calls it.</summary>
    public const string DeliveryKey = "delivery";

    private readonly Channel<QueuedEmail> channel = Channel.CreateBounded<QueuedEmail>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ChannelReader<QueuedEmail> Reader => channel.Reader;

    public void Enqueue(QueuedEmail mail)
    {
        if (!channel.Writer.TryWrite(mail))
        {
            logger.LogWarning("\"{Subject}\" for {UserId} was not sent: {Capacity} mails are already waiting.", mail.Subject, mail.UserId, Capacity);
        }
    }
}

/// <summary>One account email: who it is for, and how the delivering sender sends it.</summary>
public sealed record QueuedEmail(string UserId, string Subject, Func<IEmailSender<ChatUser>, Task> Send);
