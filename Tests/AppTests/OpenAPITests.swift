import App
import Foundation
import Hummingbird
import TestSupport
import Testing

/// `Schema/openapi.yaml` documents exactly the routes the router serves.
@Suite struct OpenAPITests {
    /// `METHOD /path` for every operation under `paths:` (two-space path keys, four-space method keys).
    static func documentedOperations() throws -> Set<String> {
        let text = try String(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent("Schema/openapi.yaml"), encoding: .utf8)
        var operations: Set<String> = []
        var inPaths = false
        var path: String?
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line == "paths:" {
                inPaths = true
                continue
            }
            guard inPaths else { continue }
            if !line.hasPrefix(" "), !line.isEmpty { break }
            if line.hasPrefix("  /"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if methods.contains(String(key)) { operations.insert("\(key.uppercased()) \(path)") }
            }
        }
        return operations
    }

    @Test func theDocumentAndTheRouterAgree() async throws {
        let configuration = try AppConfiguration.load(environment: ["JWT_SECRET": AppFixture.jwtSecret])
        let router = try buildRouter(configuration: configuration, services: try await CoverageTests.offlineServices())
        let served = Set(router.routes.map { "\($0.method) \($0.path)" })
        let documented = try Self.documentedOperations()
        #expect(documented.count >= 10)
        #expect(served.subtracting(documented).sorted() == [], "served but not documented")
        #expect(documented.subtracting(served).sorted() == [], "documented but not served")
    }
}
