import App
import Channels
import Foundation
import Hummingbird
import Identity
import IdentityContracts
import Integrations
import IntegrationsContracts
import Kernel
import Logging
import PostgresNIO
import Storage

/// Signed Shopify webhooks accepted and durably recorded per second (wrk over loopback, each request a new delivery id),
/// with p50/p99 latency at 32 and at 64 concurrent connections, against the floor of a bare `INSERT` of the same raw body
/// from as many concurrent connections. Target (issue 4): at least 2,000 deliveries/s and p99 under 50 ms.
enum WebhookBenchmark {
    static let seconds = 10
    static let concurrencies = [32, 64]
    static let body = Array(
        #"{"id":820982911946154508,"email":"jon@example.com","updated_at":"2026-11-23T10:00:00-05:00","line_items":[{"id":1,"sku":"SY-TEE-BLK-M","quantity":1,"price":"19.00"}]}"#
            .utf8)

    static func run(_ database: BenchmarkDatabase, logger: Logger) async throws {
        guard BenchmarkServer.wrkInstalled else {
            print("webhooks: wrk is not installed (apt-get install wrk); skipped")
            return
        }
        try await BenchmarkServer.run(
            database, portBase: 42000, poolSize: Self.concurrencies.max() ?? 64, logger: logger,
            prepare: { services, integrations, identity in
                let tenant = try await identity.ensureTenant(id: TenantID(UUID()), name: "Webhook bench", slug: "webhook-bench-\(getpid())")
                let instance = try await integrations.createInstance(
                    NewIntegrationInstance(
                        provider: .shopify, name: "Bench store", credentials: ["client_secret": "bench-secret", "access_token": "t"]),
                    tenant: tenant.id, actor: "bench")
                return (tenant.id, instance.webhookKey, services.database)
            }
        ) { root, prepared in
            let (tenant, key, db) = prepared
            for connections in Self.concurrencies {
                let before = try await db.withTenant(tenant) { try await IntegrationsReads.eventCount(instance: nil, filter: nil, in: $0) }
                let output = try await ProcessRunner.check(
                    "/usr/bin/wrk",
                    [
                        "-t2", "-c\(connections)", "-d\(Self.seconds)s", "--latency", "-s", try Self.script(run: "c\(connections)").path,
                        "\(root)/upstream/webhooks/shopify/orders?instance=\(key)",
                    ])
                let recorded = try await db.withTenant(tenant) { try await IntegrationsReads.eventCount(instance: nil, filter: nil, in: $0) }
                print(
                    "webhooks (wrk -t2 -c\(connections) -d\(Self.seconds)s, signed Shopify deliveries, loopback):"
                        + " \(BenchmarkServer.field(output, "Requests/sec:")) accepted/s, p50 \(BenchmarkServer.field(output, "50%")),"
                        + " p99 \(BenchmarkServer.field(output, "99%")); \(recorded - before) recorded with their jobs;"
                        + " non-2xx: \(BenchmarkServer.field(output, "Non-2xx or 3xx responses:", fallback: "0"))")
            }
        }
        for connections in Self.concurrencies {
            try await DatabaseAdministration.withClient(database.owner, poolSize: connections, logger: logger) { client in
                try await Self.floor(client, connections: connections, logger: logger)
            }
        }
    }

    /// The same body stored by a bare `INSERT` from `connections` concurrent tasks for the same time: the floor.
    static func floor(_ client: PostgresClient, connections: Int, logger: Logger) async throws {
        try await client.query(
            "CREATE TABLE IF NOT EXISTS public.webhook_floor (id bigserial PRIMARY KEY, received_at timestamptz DEFAULT now(), body bytea)")
        let deadline = ContinuousClock.now + .seconds(Self.seconds)
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<connections {
                group.addTask {
                    var samples: [Double] = []
                    while ContinuousClock.now < deadline {
                        let started = ContinuousClock.now
                        try await client.query("INSERT INTO public.webhook_floor (body) VALUES (\(ByteBuffer(bytes: Self.body)))")
                        let elapsed = ContinuousClock.now - started
                        samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
                    }
                    return samples
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted()
        }
        guard !latencies.isEmpty else { return }
        let percentile = { (p: Double) in latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        print(
            "webhooks floor (bare INSERT of the body, \(connections) concurrent): \(latencies.count / Self.seconds) rows/s,"
                + " p50 \(String(format: "%.2f", percentile(0.5))) ms, p99 \(String(format: "%.2f", percentile(0.99))) ms")
    }

    /// A wrk script giving every request its own `X-Shopify-Webhook-Id` (run, thread and counter), signed over the fixed body.
    static func script(run: String) throws -> URL {
        let signature = MessageAuthentication.sign(Self.body, key: Array("bench-secret".utf8), encoding: .base64)
        let lua = """
            local threads = 0
            function setup(thread) threads = threads + 1; thread:set("tid", threads) end
            function init(args) counter = 0 end
            wrk.method = "POST"
            wrk.body = '\(String(decoding: Self.body, as: UTF8.self))'
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["X-Shopify-Topic"] = "orders/updated"
            wrk.headers["X-Shopify-Hmac-Sha256"] = "\(signature)"
            function request()
                counter = counter + 1
                wrk.headers["X-Shopify-Webhook-Id"] = "\(run)-" .. tid .. "-" .. counter .. "-" .. math.random(1, 1000000000)
                return wrk.format()
            end
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-webhooks-\(getpid()).lua")
        try lua.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
