import App
import Foundation
import Hummingbird
import Identity
import Integrations
import Kernel
import Logging
import PostgresNIO
import Storage

/// `GET /api/v1/health` requests per second under wrk, against the server built exactly as `switchyard serve` builds it.
enum HealthBenchmark {
    static func run(_ database: BenchmarkDatabase, logger: Logger) async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else {
            print("health: wrk is not installed (apt-get install wrk); skipped")
            return
        }
        let port = 41000 + Int(ProcessInfo.processInfo.processIdentifier % 10000)
        let configuration = try AppConfiguration.load(environment: [
            "PORT": "\(port)", "JWT_SECRET": String(repeating: "b", count: 32), "LOG_LEVEL": "error",
        ])
        try await DatabaseAdministration.withClient(database.application, poolSize: 4, logger: logger) { client in
            let db = Database(client: client, logger: logger)
            let services = AppServices(
                database: db, identity: IdentityService(database: db),
                integrations: IntegrationsService(
                    database: db, vault: CredentialVault(base64Key: CredentialVault.generateKey())!, clock: SystemClock()),
                adminTokens: await AdminTokens(secret: configuration.jwtSecret ?? "", issuer: "switchyard", lifetimeMinutes: 60), clock: SystemClock()
            )
            var quiet = logger
            quiet.logLevel = .error
            let application = try buildApplication(configuration: configuration, services: services, backgroundServices: [], logger: quiet)
            let server = Task { try await application.runService() }
            try await Task.sleep(for: .seconds(1))
            let output = try await ProcessRunner.check("/usr/bin/wrk", ["-t2", "-c64", "-d10s", "http://127.0.0.1:\(port)/api/v1/health"])
            server.cancel()
            _ = try? await server.value
            let line = output.split(separator: "\n").first { $0.hasPrefix("Requests/sec:") } ?? "Requests/sec: ?"
            print("health (wrk -t2 -c64 -d10s, loopback): \(line.split(separator: " ").last ?? "?") requests/s")
        }
    }
}
