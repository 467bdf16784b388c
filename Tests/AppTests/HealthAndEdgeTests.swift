import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Kernel
import PostgresNIO
import Storage
import TestSupport
import Testing

@Suite struct HealthAndEdgeTests {
    @Test func healthAnswersWithoutCredentials() async throws {
        try await AppFixture.run { fixture, client in
            try await client.execute(uri: "/api/v1/health", method: .get) { response in
                #expect(response.status == .ok)
                let body = response.json
                #expect(body["status"] as? String == "ok")
                #expect(body["time"] as? String == ISO8601.string(from: fixture.clock.now()))
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            }
        }
    }

    @Test func everyResponseCarriesARequestIDAndASaneIncomingOneIsKept() async throws {
        try await AppFixture.run { _, client in
            try await client.execute(uri: "/api/v1/health", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "trace-42.a_b"]) { response in
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] == "trace-42.a_b")
            }
            try await client.execute(uri: "/api/v1/health", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "bad id\u{7}"]) { response in
                let id = try #require(response.headers[HTTPField.Name("X-Request-Id")!])
                #expect(id != "bad id\u{7}" && !id.isEmpty)
            }
            try await client.execute(uri: "/api/admin/viewer", method: .get) { response in
                let id = try #require(response.headers[HTTPField.Name("X-Request-Id")!])
                #expect(response.json["request_id"] as? String == id)
            }
        }
    }

    @Test func unknownRoutesAnswer404WithAJSONBody() async throws {
        try await AppFixture.run { _, client in
            try await client.execute(uri: "/api/v1/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.json["code"] as? String == "not_found")
            }
        }
    }

    @Test func metricsNeedTheMetricsToken() async throws {
        try await AppFixture.run { _, client in
            try await client.execute(uri: "/api/v1/health", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong"]) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(AppFixture.metricsToken)"]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("hb_requests"))
            }
        }
    }

    @Test func configurationRefusesNonsense() {
        #expect(throws: ConfigurationError.self) { try AppConfiguration.load(environment: ["PORT": "0"]) }
        #expect(throws: ConfigurationError.self) { try AppConfiguration.load(environment: ["JWT_SECRET": "short"]) }
        #expect(throws: ConfigurationError.self) { try AppConfiguration.load(environment: ["LOG_LEVEL": "loud"]) }
        #expect(throws: (any Error).self) { try AppConfiguration.load(environment: ["DATABASE_URL": "mysql://x@y/z"]) }
    }

    @Test func theApplicationRoleURLIsDerivedFromTheOwnersServer() throws {
        let configuration = try AppConfiguration.load(environment: [
            "DATABASE_URL": "postgres://owner:secret@db:5433/shop", "APP_DATABASE_PASSWORD": "app-secret",
        ])
        #expect(configuration.resolvedApplicationDatabaseURL?.text == "postgres://switchyard_app:app-secret@db:5433/shop?sslmode=prefer")
    }
}
