using ChatApp.Web.Hosting;

var builder = WebApplication.CreateBuilder(ContentRoot.Options(args));

builder.AddChatSecurity();
builder.AddChatDatabase();
builder.AddChatIdentity();
builder.AddChatEmail();
builder.AddChat();
builder.AddPresence();
builder.AddAdmin();
builder.AddChatUi();

var app = builder.Build();

app.UseChatSecurity();
app.UseChatUi();

app.Run();

public partial class Program;
