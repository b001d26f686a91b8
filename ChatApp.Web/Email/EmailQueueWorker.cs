using ChatApp.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace ChatApp.Web.Email;

/// <summary>Sends the queued mails one after another; a failure is logged and the next mail goes out.</summary>
public sealed class EmailQueueWorker(
    EmailQueue queue,
    [FromKeyedServices(EmailQueue.DeliveryKey)] IEmailSender<ChatUser> delivery,
    ILogger<EmailQueueWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var mail in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await mail.Send(delivery);
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "The {Subject} mail for user {UserId} could not be sent.", mail.Subject, mail.UserId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            if (queue.Reader.Count > 0)
            {
                logger.LogWarning("Stopping with {Count} account mails not sent.", queue.Reader.Count);
            }
        }
    }
}
