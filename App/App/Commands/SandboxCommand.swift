import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Sandbox
import ServiceLifecycle
import UnixSignals

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the channel Sandbox alone: every provider's API on loopback with seeded stores, signed webhooks and fault injection.",
        discussion: "GET /_sandbox lists each channel's API root and the credentials it accepts; see the README for the control endpoints.")

    @Option(help: "Port to listen on (overrides SANDBOX_PORT).") var port: Int?
    @Option(help: "Seed of the stores; the same seed serves the same orders.") var seed: UInt64 = 42

    func run() async throws {
        let environment = try CommandEnvironment.load(label: "sandbox")
        let configuration = environment.configuration
        let port = self.port ?? configuration.sandboxPort
        let sandbox = try Sandbox(configuration: Sandbox.Configuration(seed: self.seed), logger: environment.logger)
        let application = sandbox.application(host: configuration.host, port: port, logger: environment.logger) { bound in
            FileHandle.standardOutput.write(
                Data("Sandbox listening at http://\(configuration.host):\(bound) (GET /_sandbox for channels and credentials)\n".utf8))
        }
        var services: [any Service] = [application]
        if configuration.sandboxTickSeconds > 0 {
            services.append(SandboxStream(sandbox: sandbox, interval: .seconds(configuration.sandboxTickSeconds)))
        }
        try await ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: environment.logger).run()
    }
}
