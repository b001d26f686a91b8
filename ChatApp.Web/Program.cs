using ChatApp.Web.Hosting;
using ChatApp.Web.Operations.Backups;

if (await BackupCommand.TryRunAsync(args)) return;

var builder = WebApplication.CreateBuilder(ContentRoot.Options(args));

builder.AddChatSecurity();
builder.AddChatDatabase();
builder.AddChatBackplane();
builder.AddChatIdentity();
builder.AddChatSessions();
builder.AddChatRateLimiting();
builder.AddChatEmail();
builder.AddChat();
builder.AddPresence();
builder.AddAdmin();
builder.AddChatUi();
builder.AddCircuitLimits();
builder.AddChatLogging();
builder.AddChatObservability();
builder.AddChatLifecycle();
builder.AddChatBackups();
builder.AddStatusPage();

var app = builder.Build();

app.UseChatSecurity();
app.UseChatLifecycle();
app.UseChatRateLimiting();
app.UseChatUi();
app.MapChatMetrics();

app.Run();

public partial class Program;
