using Kapuas.Infrastructure.Database;
using Npgsql;

namespace Kapuas.Integration.Tests;

public sealed class ConnectionSettingsTests
{
    [Fact]
    public void Grain_storage_statements_are_prepared_unless_the_connection_string_sets_preparation_itself_and_no_connection_is_reset()
    {
        var plain = KapuasDatabase.Prepared(new NpgsqlConnectionStringBuilder("Host=db;Database=kapuas"));
        Assert.Equal(32, plain.MaxAutoPrepare);
        Assert.True(plain.NoResetOnClose);

        // Behind a pooler that cannot keep prepared statements the operator writes Max Auto Prepare=0: it stays 0.
        var pooled = KapuasDatabase.Prepared(new NpgsqlConnectionStringBuilder("Host=db;Database=kapuas;Max Auto Prepare=0"));
        Assert.Equal(0, pooled.MaxAutoPrepare);

        var orleans = new NpgsqlConnectionStringBuilder(KapuasDatabase.ForOrleans("Host=db;Database=kapuas;Max Auto Prepare=5"));
        Assert.Equal(5, orleans.MaxAutoPrepare);
        Assert.Equal("orleans", orleans.SearchPath);
        Assert.True(orleans.NoResetOnClose);

        // The application's own statements are planned for the values of each call.
        var site = KapuasDatabase.Pooled(new NpgsqlConnectionStringBuilder("Host=db;Database=kapuas"));
        Assert.Equal(0, site.MaxAutoPrepare);
        Assert.True(site.NoResetOnClose);
    }
}
