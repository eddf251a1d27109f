using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Kapuas.Grains.Workers;
using Kapuas.Testing;
using Npgsql;

namespace Kapuas.Bench;

/// <summary>
/// 20 concurrent users on a roster of N workers: participant search (the search form), history pages and claim intake
/// (the API), against the Admin in its own process and a silo in this one. Reports p50/p95/p99 and throughput per
/// operation, then activates every worker grain and reports the silo process's memory.
/// </summary>
public static partial class LoadBenchmark
{
    private const string Password = "Rahasia-Admin-2026";
    private const string Key = "kpk_load-benchmark-key-00000000000000000000";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public static async Task<int> RunAsync(int workers, int users, TimeSpan duration, TimeSpan think)
    {
        var db = new PostgresDatabase();
        await db.InitializeAsync();
        try
        {
            var ids = TestClusterIds.New();
            await using var silo = await TestSilo.StartAsync(ids, db.ConnectionString, jobWorkers: 0);
            var agreement = await TestRoster.SignedAgreementAsync(silo.Grains, "L26", TestData.Agreement2026(quota: workers));
            var clock = Stopwatch.StartNew();
            var roster = await TestRoster.EnrolledAsync(silo.Grains, agreement, workers, seed: 26);
            Console.WriteLine($"setup: {workers:N0} workers registered and enrolled in {clock.Elapsed.TotalSeconds:0.0} s");

            // The silo holds every grain it just wrote; start the load from a cold silo, as after a restart.
            await silo.StopAsync();
            await using var live = await TestSilo.StartAsync(ids, db.ConnectionString, jobWorkers: 0);
            await using var admin = await SiloProcess.StartAdminAsync(ids, db.ConnectionString, Password);
            await using (var connection = new NpgsqlConnection(db.ConnectionString))
            {
                await connection.OpenAsync();
                await using var insert = new NpgsqlCommand($"""
                    INSERT INTO app.api_keys (key_id, user_id, name, key_hash, prefix, created_at, created_by)
                    SELECT gen_random_uuid(), id, 'bench', decode('{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Key)))}', 'hex'), 'kpk_load-b', now(), 'bench'
                    FROM app.users WHERE user_name = 'admin'
                    """, connection);
                await insert.ExecuteNonQueryAsync();
            }

            var baseUrl = $"http://127.0.0.1:{admin.HealthPort}";
            var names = roster.Select(w => w.Profile.Name!.Split(' ')[0]).Distinct().ToArray();
            var latencies = new Dictionary<string, List<double>> { ["search"] = [], ["history"] = [], ["intake"] = [] };
            var errors = 0;
            var until = DateTime.UtcNow + duration;
            clock.Restart();
            await Task.WhenAll(Enumerable.Range(0, users).Select(async u =>
            {
                var random = new Random(u);
                using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
                {
                    BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30),
                };
                var login = await http.GetStringAsync("/Account/Login");
                await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.UserName"] = "admin", ["Input.Password"] = Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(login).Groups[1].Value),
                }));
                var token = WebUtility.HtmlDecode(Token().Match(await http.GetStringAsync("/Workers")).Groups[1].Value);
                using var api = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
                api.DefaultRequestHeaders.Add("X-Api-Key", Key);

                while (DateTime.UtcNow < until)
                {
                    var pick = random.Next(100);
                    var worker = roster[random.Next(roster.Count)].Id;
                    var (kind, send) = pick switch
                    {
                        < 50 => ("search", (Func<Task<HttpResponseMessage>>)(() => http.PostAsync("/Workers", new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            ["Query"] = names[random.Next(names.Length)], ["__RequestVerificationToken"] = token,
                        })))),
                        < 85 => ("history", () => http.GetAsync($"/Workers/Detail?id={worker}")),
                        _ => ("intake", () => api.PostAsJsonAsync($"/api/workers/{worker}/claims", new
                        {
                            type = "JkkAccident", incidentAt = DateTimeOffset.UtcNow.AddHours(-random.Next(1, 200)), place = "Ladang", description = "Beban uji",
                            reporter = "WorkersGroup", reporterName = "Uji Beban", reporterContact = "0812",
                        })),
                    };
                    var watch = Stopwatch.StartNew();
                    var response = await send();
                    var took = watch.Elapsed.TotalMilliseconds;
                    var ok = response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created;
                    lock (latencies)
                    {
                        latencies[kind].Add(took);
                        errors += ok ? 0 : 1;
                    }

                    if (think > TimeSpan.Zero)
                    {
                        // A person reads the page before the next action: between half and one and a half times the think time.
                        await Task.Delay(think * (0.5 + random.NextDouble()));
                    }
                }
            }));
            var elapsed = clock.Elapsed.TotalSeconds;

            Console.WriteLine($"load: {users} users, think time {think.TotalMilliseconds:0} ms, for {elapsed:0} s on {workers:N0} workers; {errors} non-2xx answers");
            Console.WriteLine("operation     count   per s     p50 ms    p95 ms    p99 ms");
            foreach (var (kind, values) in latencies)
            {
                values.Sort();
                Console.WriteLine($"{kind,-10} {values.Count,8} {values.Count / elapsed,7:0.0} {P(values, 0.50),10:0.0} {P(values, 0.95),9:0.0} {P(values, 0.99),9:0.0}");
            }

            // Every worker grain active at once in this process (the silo): its memory.
            clock.Restart();
            await Parallel.ForEachAsync(roster, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (w, _) =>
                await live.Grains.GetGrain<IWorkerGrain>(w.Id).GetAsync(new DateOnly(2026, 11, 29)));
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            Console.WriteLine($"activated {workers:N0} worker grains in {clock.Elapsed.TotalSeconds:0.0} s; silo process working set " +
                $"{process.WorkingSet64 / 1024.0 / 1024.0:0} MiB, managed heap {GC.GetTotalMemory(false) / 1024.0 / 1024.0:0} MiB");
            return 0;
        }
        finally
        {
            await db.DisposeAsync();
        }
    }

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
