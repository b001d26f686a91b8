using ChatApp.Web.Hosting;

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
builder.AddChatLifecycle();

var app = builder.Build();

app.UseChatSecurity();
app.UseChatLifecycle();
app.UseChatRateLimiting();
app.UseChatUi();

app.Run();

public partial class Program;
