import App
import AsyncHTTPClient
import Foundation
import Identity
import IdentityContracts
import Inventory
import InventoryContracts
import Kernel
import Logging
import NIOCore
import NIOHTTP1
import Storage

/// 64 concurrent clients reserving one hot SKU until its 10,000 units run out, over HTTP (`POST
/// /sales-channel/inventory/reserve`, admin JWT, AsyncHTTPClient in this process) and directly through the Inventory
/// facade (no HTTP): reservations granted per second and p50/p99 latency, and the exact units granted, which must equal
/// the stock. Every fourth client sends carts whose two lines name the same SKU (1 + 1 units).
/// Target (issue 6): at least 1,000 reservations/s, p99 under 100 ms, never more units than the stock.
enum ReservationBenchmark {
    static let clients = 64
    static let stock: Int64 = 10_000
    static let sku = "HOT-SKU"
    static let directSKU = "HOT-SKU-DIRECT"
    /// Stock wrk cannot exhaust in its run, so every request it sends is a granted reservation.
    static let wrkSKU = "HOT-SKU-WRK"

    struct ClientRun: Sendable {
        var latencies: [Double] = []
        var granted = 0
        var units = 0
        var refused = 0
        var failed = 0
    }

    static func run(_ database: BenchmarkDatabase, logger: Logger) async throws {
        for poolSize in [16, 64] {
            try await Self.run(database, poolSize: poolSize, logger: logger)
        }
        try await database.printTopStatements(limit: 10)
    }

    static func run(_ database: BenchmarkDatabase, poolSize: Int, logger: Logger) async throws {
        try await BenchmarkServer.run(
            database, portBase: 44000, poolSize: poolSize, logger: logger,
            prepare: { services, _, identity in
                let tenant = try await identity.ensureTenant(
                    id: TenantID(UUID()), name: "Reservation bench", slug: "reservation-bench-\(UUID().uuidString.lowercased().prefix(8))")
                let user = try await identity.ensureUser(id: UserID(UUID()), email: "bench-\(UUID())@example.com", name: "Bench")
                try await identity.setMembership(tenant: tenant.id, user: user.id, role: .staff)
                _ = try await services.inventory.setQuantities(
                    [
                        StockChange(sku: Self.sku, quantity: Self.stock), StockChange(sku: Self.directSKU, quantity: Self.stock),
                        StockChange(sku: Self.wrkSKU, quantity: 100_000_000),
                    ],
                    by: StockActor(name: "bench", source: .seed), tenant: tenant.id)
                return (tenant.id, try await services.adminTokens.sign(user: user.id), services.database, services.inventory)
            }
        ) { root, prepared in
            let (tenant, token, db, inventory) = prepared
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(connectionPool: .init(idleTimeout: .seconds(60))))
            defer { _ = client.shutdown() }
            try await Self.measure("over HTTP, pool \(poolSize)", sku: Self.sku, tenant: tenant, db: db) { pairs in
                try await Self.reserveUntilOut(client, root: root, token: token, tenant: tenant, pairs: pairs)
            }
            try await Self.measure("through the facade, pool \(poolSize)", sku: Self.directSKU, tenant: tenant, db: db) { pairs in
                try await Self.reserveUntilOut(inventory, tenant: tenant, pairs: pairs)
            }
            if BenchmarkServer.wrkInstalled { try await Self.wrk(root: root, token: token, tenant: tenant) }
        }
    }

    /// Runs the clients until the SKU is out and prints the figures.
    static func measure(
        _ label: String, sku: String, tenant: TenantID, db: Database, client: @escaping @Sendable (_ pairs: Bool) async throws -> ClientRun
    ) async throws {
        let started = ContinuousClock.now
        let runs = try await withThrowingTaskGroup(of: ClientRun.self) { group in
            for index in 0..<Self.clients {
                group.addTask { try await client(index % 4 == 3) }
            }
            return try await group.reduce(into: [ClientRun]()) { $0.append($1) }
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let latencies = runs.flatMap(\.latencies).sorted()
        let granted = runs.reduce(0) { $0 + $1.granted }
        let units = runs.reduce(0) { $0 + $1.units }
        let stock = try await db.withTenant(tenant) { try await InventoryReads.stock(of: [sku], in: $0) }.first
        let percentile = { (p: Double) in latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        print(
            "reservations (\(Self.clients) clients \(label), one SKU of \(Self.stock) units until it ran out):"
                + " \(granted) granted in \(String(format: "%.2f", seconds)) s = \(Int(Double(granted) / seconds)) reservations/s,"
                + " p50 \(String(format: "%.1f", percentile(0.5))) ms, p99 \(String(format: "%.1f", percentile(0.99))) ms;"
                + " units granted \(units) (stock \(Self.stock)), reserved in the database \(stock?.reserved ?? -1),"
                + " refused \(runs.reduce(0) { $0 + $1.refused }), failed \(runs.reduce(0) { $0 + $1.failed })")
        guard units == Self.stock, stock?.reserved == Self.stock else {
            throw BenchmarkError("oversold or undersold: \(units) units granted, \(stock?.reserved ?? -1) reserved, of \(Self.stock) in stock")
        }
    }

    /// The same requests from wrk (a C load generator, far lighter than AsyncHTTPClient) for 10 s on 64 connections.
    static func wrk(root: String, token: String, tenant: TenantID) async throws {
        let lua = """
            wrk.method = "POST"
            wrk.body = '{"items": [{"sku": "\(Self.wrkSKU)", "quantity": 1}], "orderId": "bench"}'
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["Authorization"] = "Bearer \(token)"
            wrk.headers["orgid"] = "\(tenant)"
            """
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-reserve-\(getpid()).lua")
        try lua.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let output = try await ProcessRunner.check(
            "/usr/bin/wrk", ["-t2", "-c\(Self.clients)", "-d10s", "--latency", "-s", script.path, "\(root)/sales-channel/inventory/reserve"])
        print(
            "reservations (wrk -t2 -c\(Self.clients) -d10s, one SKU that does not run out): \(BenchmarkServer.field(output, "Requests/sec:"))/s,"
                + " p50 \(BenchmarkServer.field(output, "50%")), p99 \(BenchmarkServer.field(output, "99%")),"
                + " non-2xx \(BenchmarkServer.field(output, "Non-2xx or 3xx responses:", fallback: "0"))")
    }

    /// Reserves through the facade until the SKU is out.
    static func reserveUntilOut(_ inventory: any InventoryFacade, tenant: TenantID, pairs: Bool) async throws -> ClientRun {
        let line = ReservationItem(sku: Self.directSKU, quantity: 1)
        let request = ReservationRequest(items: pairs ? [line, line] : [line], orderRef: "bench")
        var run = ClientRun()
        while true {
            let started = ContinuousClock.now
            do {
                _ = try await inventory.reserve(request, tenant: tenant)
                run.granted += 1
                run.units += pairs ? 2 : 1
            } catch InventoryError.insufficientStock {
                run.refused += 1
                return run
            }
            let elapsed = ContinuousClock.now - started
            run.latencies.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
    }

    /// Reserves until the SKU is out (409): a request of 1 unit, or a cart of two 1-unit lines of the SKU.
    static func reserveUntilOut(_ client: HTTPClient, root: String, token: String, tenant: TenantID, pairs: Bool) async throws -> ClientRun {
        let line = #"{"sku": "\#(Self.sku)", "quantity": 1}"#
        let body = #"{"items": [\#(pairs ? "\(line), \(line)" : line)], "orderId": "bench"}"#
        var run = ClientRun()
        while true {
            var request = HTTPClientRequest(url: "\(root)/sales-channel/inventory/reserve")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "orgid", value: tenant.description)
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
            let started = ContinuousClock.now
            let response = try await client.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            let elapsed = ContinuousClock.now - started
            run.latencies.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            switch response.status.code {
            case 201:
                run.granted += 1
                run.units += pairs ? 2 : 1
            case 409:
                run.refused += 1
                return run
            default:
                run.failed += 1
                if run.failed > 100 { return run }
            }
        }
    }
}
