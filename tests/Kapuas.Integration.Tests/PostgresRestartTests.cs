using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kapuas.Domain.Workers;
using Kapuas.Testing;

namespace Kapuas.Integration.Tests;

/// <summary>
/// PostgreSQL restarted under a running silo process and a running Admin process: both carry on without a restart,
/// and every registration they acknowledged before, during or after the restart is there.
/// </summary>
public sealed class PostgresRestartTests
{
    [Fact]
    public async Task After_a_database_restart_silo_and_admin_recover_by_themselves_and_lose_nothing_they_acknowledged()
    {
        await using var server = await PostgresServer.StartAsync();
        var db = new PostgresDatabase(server.ConnectionString);
        await db.InitializeAsync();
        var ids = TestClusterIds.New();
        try
        {
            await using var silo = await SiloProcess.StartAsync(ids, db.ConnectionString, jobWorkers: 1, invisibilitySeconds: 10);
            await using var admin = await SiloProcess.StartAdminAsync(ids, db.ConnectionString, "Rahasia-Admin-2026");
            const string key = "kpk_restart-test-key-0000000000000000000000";
            await db.ScalarAsync<int>($"""
                INSERT INTO app.api_keys (key_id, user_id, name, key_hash, prefix, created_at, created_by)
                SELECT gen_random_uuid(), id, 'uji', decode('{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}', 'hex'), 'kpk_restar', now(), 'uji'
                FROM app.users WHERE user_name = 'admin' RETURNING 1
                """);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{admin.HealthPort}"), Timeout = TimeSpan.FromSeconds(40) };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);

            var acknowledged = new List<(Guid Id, string Name)>();
            var refused = 0;
            var unclear = new List<string>(); // a write that neither succeeded nor was refused with a message
            async Task<bool> RegisterAsync(int i)
            {
                var name = $"Tahan Gangguan {i:D3}";
                var body = new { nik = TestData.Nik(Sex.Male, new DateOnly(1988, 4, 12)), name, sex = "Male", birthDate = "1988-04-12", kecamatan = "Selat", desa = "Hulu", occupation = "petani" };
                try
                {
                    var response = await http.PostAsJsonAsync("/api/workers", body);
                    var text = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
                        acknowledged.Add((id, name));
                        return true;
                    }

                    if (!ClearRefusal(text))
                    {
                        unclear.Add($"{i}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 200)]}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    unclear.Add($"{i}: {e.GetType().Name}");
                }

                refused++;
                return false;
            }

            var n = 0;
            for (; n < 20; n++)
            {
                Assert.True(await RegisterAsync(n), "registration before the restart");
            }

            var writer = Task.Run(async () =>
            {
                for (var i = 0; i < 40; i++)
                {
                    await RegisterAsync(1000 + i);
                }
            });
            await Task.Delay(300);
            await server.RestartAsync();
            await writer;

            // Without restarting either process, registrations succeed again.
            var until = DateTime.UtcNow.AddSeconds(120);
            var after = 0;
            while (after < 20)
            {
                Assert.True(DateTime.UtcNow < until, $"only {after} registrations succeeded after the restart");
                if (await RegisterAsync(2000 + n++))
                {
                    after++;
                }
            }

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/Account/Login")).StatusCode);
            // Every write during the outage was either acknowledged or refused with a message a user can read.
            Assert.True(unclear.Count == 0, $"Writes with no clear answer ({refused} refused in all): " + string.Join("; ", unclear));

            // Every acknowledged write is in PostgreSQL: the silo process is stopped and started again, so each worker is
            // read back from its stored grain state, and its read-model row is there too.
            await silo.RestartAsync();
            foreach (var (id, name) in acknowledged)
            {
                var worker = await http.GetAsync($"/api/workers/{id}");
                Assert.Equal(HttpStatusCode.OK, worker.StatusCode);
                Assert.Equal(name, JsonDocument.Parse(await worker.Content.ReadAsStringAsync()).RootElement.GetProperty("worker").GetProperty("name").GetString());
            }

            Npgsql.NpgsqlConnection.ClearAllPools(); // this test's own connections died with the restart
            await Eventually.UntilAsync(async () => await db.ScalarAsync<long>(
                    $"SELECT count(*) FROM app.participants WHERE worker_id IN ({string.Join(",", acknowledged.Select(a => $"'{a.Id}'"))})") == acknowledged.Count,
                TimeSpan.FromSeconds(60), "every acknowledged registration in the read model");
        }
        finally
        {
            await db.DisposeAsync();
        }
    }

    /// <summary>A refusal a user can act on: a JSON error with a message (in Bahasa Indonesia), not an empty or HTML answer.</summary>
    private static bool ClearRefusal(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
                && errors[0].GetProperty("message").GetString() is { Length: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
