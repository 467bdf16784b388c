import Foundation
import Logging
import Storage

/// `GET /api/v1/health` requests per second under wrk, against the server built exactly as `switchyard serve` builds it.
enum HealthBenchmark {
    static func run(_ database: BenchmarkDatabase, logger: Logger) async throws {
        guard BenchmarkServer.wrkInstalled else {
            print("health: wrk is not installed (apt-get install wrk); skipped")
            return
        }
        try await BenchmarkServer.run(database, portBase: 41000, poolSize: 4, logger: logger, prepare: { _, _, _ in () }) { root, _ in
            let output = try await ProcessRunner.check("/usr/bin/wrk", ["-t2", "-c64", "-d10s", "\(root)/api/v1/health"])
            print("health (wrk -t2 -c64 -d10s, loopback): \(BenchmarkServer.field(output, "Requests/sec:")) requests/s")
        }
    }
}
