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
    public async Task Concurrent_migrators_do_not_trip_over_each_other()
    {
        var migrator = new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => migrator.MigrateAsync(db.ConnectionString)));

        Assert.Equal(DatabaseMigrator.Migrations.Count, await db.ScalarAsync<long>("SELECT count(*) FROM app.schema_migrations"));
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
