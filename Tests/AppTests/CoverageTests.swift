import App
import Catalog
import Foundation
import Hummingbird
import Identity
import Integrations
import Inventory
import Kernel
import Logging
import Orders
import Storage
import TestSupport
import Testing

/// `Schema/coverage.tsv` has one row per seed operation, and every route or root field it names exists (a fifth column
/// notes what a partly implemented operation still lacks).
@Suite struct CoverageTests {
    struct Row {
        let op: String
        let implementedBy: String
    }

    static func rows() throws -> [Row] {
        let text = try String(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent("Schema/coverage.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(op: columns.first ?? "", implementedBy: columns.count >= 4 ? columns[3] : "")
        }
    }

    /// Operation ids of the seed lists in `../shared/seeds/` (beside the repository, as in CI).
    static func seedOperations() throws -> [String] {
        let seeds = TestDatabase.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        return try ["seed0_operations.tsv", "seed1-4_operations.tsv"].flatMap { file in
            try String(contentsOf: seeds.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").dropFirst().compactMap { $0.split(separator: "\t").first.map(String.init) }
        }
    }

    @Test func everySeedOperationHasExactlyOneRow() throws {
        let rows = try Self.rows()
        #expect(rows.allSatisfy { !$0.implementedBy.isEmpty }, "every row says how it is implemented, or '-'")
        #expect(rows.map(\.op).sorted() == (try Self.seedOperations()).sorted())
    }

    @Test func everyNamedRouteExists() async throws {
        let configuration = try AppConfiguration.load(environment: ["JWT_SECRET": AppFixture.jwtSecret])
        let router = try buildRouter(configuration: configuration, services: try await Self.offlineServices())
        let routes = Set(router.routes.map { "\($0.method) \($0.path)" })
        let fields = try Self.rootFields()
        let named = try Self.rows().map(\.implementedBy).filter { $0 != "-" }
        #expect(!named.isEmpty)
        for name in named {
            if name.hasPrefix("Query.") || name.hasPrefix("Mutation.") {
                #expect(fields.contains(name), "\(name) is not a root field of Schema/query")
            } else {
                #expect(routes.contains(name), "\(name) is not a route; routes: \(routes.sorted())")
            }
        }
    }

    /// `Query.<field>` and `Mutation.<field>` for every root field the query schema declares.
    static func rootFields() throws -> Set<String> {
        let directory = TestDatabase.repositoryRoot.appendingPathComponent("Schema/query")
        var fields: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".graphql") {
            var root: String?
            for line in try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8).split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed == "type Query {" || trimmed == "type Mutation {" {
                    root = String(trimmed.dropFirst(5).dropLast(2))
                } else if trimmed == "}" {
                    root = nil
                } else if let root, let name = trimmed.split(whereSeparator: { $0 == "(" || $0 == ":" }).first, !trimmed.hasPrefix("\"") {
                    fields.insert("\(root).\(name)")
                }
            }
        }
        return fields
    }

    /// Services whose database is never contacted: building the router only reads their types.
    static func offlineServices() async throws -> AppServices {
        let client = DatabaseConnections.makeClient(
            try DatabaseURL("postgres://nobody@127.0.0.1:1/none"), poolSize: 1, logger: .init(label: "offline"))
        let database = Database(client: client, logger: .init(label: "offline"))
        return AppServices(
            database: database, identity: IdentityService(database: database),
            integrations: IntegrationsService(
                database: database, vault: AppFixture.vault, clock: SystemClock(), links: AppFixture.links, orders: OrdersService(database: database),
                catalog: CatalogService(database: database)),
            orders: OrdersService(database: database), inventory: InventoryService(database: database),
            catalog: CatalogService(database: database),
            adminTokens: await AdminTokens(secret: AppFixture.jwtSecret, issuer: "switchyard", lifetimeMinutes: 1), clock: SystemClock())
    }
}
