using ChatApp.Tests.Admin;
using ChatApp.Tests.Chat;
using ChatApp.Tests.Chat.Content;
using ChatApp.Tests.Infrastructure;
using ChatApp.Tests.People;
using ChatApp.Tests.Sessions;

namespace ChatApp.Tests.Data;

// The Core data tests again, each on a fresh PostgreSQL database: the same rules must hold on both providers
// (numbering under concurrent sends, case-insensitive names, the last administrator, sessions, seeding).

public sealed class ChatServiceTestsOnPostgres() : ChatServiceTests(TestDatabase.Postgres);

public sealed class MessageSequenceTestsOnPostgres() : MessageSequenceTests(TestDatabase.Postgres);

public sealed class RoomAccessTestsOnPostgres() : RoomAccessTests(TestDatabase.Postgres);

public sealed class AdministrationTestsOnPostgres() : AdministrationTests(TestDatabase.Postgres);

public sealed class PeopleServiceTestsOnPostgres() : PeopleServiceTests(TestDatabase.Postgres);

public sealed class DisplayNamesTestsOnPostgres() : DisplayNamesTests(TestDatabase.Postgres);

public sealed class LookAlikeNamesTestsOnPostgres() : LookAlikeNamesTests(TestDatabase.Postgres);

public sealed class ChatSeederTestsOnPostgres() : ChatSeederTests(TestDatabase.Postgres);

public sealed class SessionServiceTestsOnPostgres() : SessionServiceTests(TestDatabase.Postgres);

public sealed class SessionStoreTestsOnPostgres() : SessionStoreTests(TestDatabase.Postgres);

public sealed class DirectMessagesTestsOnPostgres() : DirectMessagesTests(TestDatabase.Postgres);

public sealed class MessageEditTestsOnPostgres() : MessageEditTests(TestDatabase.Postgres);

public sealed class ReadingServiceTestsOnPostgres() : ChatApp.Tests.Chat.Reading.ReadingServiceTests(TestDatabase.Postgres);

public sealed class MentionTestsOnPostgres() : MentionTests(TestDatabase.Postgres);
