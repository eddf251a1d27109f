using Kapuas.Infrastructure.Database;
using Kapuas.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kapuas.Integration.Tests;

public sealed class MigrationTests : IAsyncLifetime
{
    private readonly PostgresDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Every_migration_is_recorded_once_and_a_second_run_changes_nothing()
    {
        var before = await db.ScalarAsync<long>("SELECT count(*) FROM app.schema_migrations");

        await new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance).MigrateAsync(db.ConnectionString);

        Assert.Equal(DatabaseMigrator.Migrations.Count, before);
        Assert.Equal(before, await db.ScalarAsync<long>("SELECT count(*) FROM app.schema_migrations"));
    }

    [Fact]
    public async Task Concurrent_migrators_on_a_database_that_does_not_exist_yet_do_not_trip_over_each_other()
    {
        // The first-run race itself: nothing exists, four processes' migrators start together.
        var empty = new PostgresDatabase(migrate: false);
        await empty.InitializeAsync();
        try
        {
            await using (var maintenance = new Npgsql.NpgsqlConnection(PostgresDatabase.ServerConnectionString()))
            {
                await maintenance.OpenAsync();
                await using var exists = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{empty.Name}'", maintenance);
                Assert.Equal(0L, (long)(await exists.ExecuteScalarAsync())!);
            }

            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance).MigrateAsync(empty.ConnectionString))));

            Assert.Equal(DatabaseMigrator.Migrations.Count, await empty.ScalarAsync<long>("SELECT count(*) FROM app.schema_migrations"));
            Assert.Equal(DatabaseMigrator.Migrations.Count, await empty.ScalarAsync<long>("SELECT count(DISTINCT version) FROM app.schema_migrations"));
            Assert.True(await empty.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = 'hangfire' AND table_name = 'job')"));
        }
        finally
        {
            await empty.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("ReadFromStorageKey")]
    [InlineData("WriteToStorageKey")]
    [InlineData("ClearStorageKey")]
    [InlineData("InsertMembershipVersionKey")]
    [InlineData("UpdateIAmAlivetimeKey")]
    [InlineData("InsertMembershipKey")]
    [InlineData("UpdateMembershipKey")]
    [InlineData("MembershipReadRowKey")]
    [InlineData("MembershipReadAllKey")]
    [InlineData("GatewaysQueryKey")]
    [InlineData("DeleteMembershipTableEntriesKey")]
    [InlineData("CleanupDefunctSiloEntriesKey")]
    public async Task The_orleans_query_registry_holds_every_key_the_providers_require(string key)
    {
        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM orleans.orleansquery WHERE querykey = '{key}'"));
    }

    [Fact]
    public async Task The_hangfire_schema_is_installed_by_the_migrator()
    {
        Assert.True(await db.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = 'hangfire' AND table_name = 'job')"));
    }
}
