import ArgumentParser
import Hummingbird
import Logging
import ServiceLifecycle
import Storage
import UnixSignals

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server (and, unless --no-workers or SERVE_RUNS_WORKERS=false, job workers) as the application role.")

    @Option(help: "Port to listen on (overrides PORT).") var port: Int?
    @Flag(help: "Do not run job workers in this process.") var noWorkers = false

    func run() async throws {
        var environment = try CommandEnvironment.load(label: "serve")
        if let port { environment = environment.with(port: port) }
        try await ServerRunner(environment: environment, runWorkers: environment.configuration.serveRunsWorkers && !self.noWorkers).run()
    }
}

extension CommandEnvironment {
    func with(port: Int) -> CommandEnvironment {
        var environment = self
        environment.configuration.port = port
        return environment
    }
}

/// Builds and runs the server with its background services until SIGINT/SIGTERM, then shuts down gracefully:
/// in-flight requests finish, running jobs finish and are recorded, the pool closes.
struct ServerRunner {
    let environment: CommandEnvironment
    let runWorkers: Bool
    let secrets: DevSecrets?
    /// Services that live and stop with the server (`dev` runs the Sandbox this way).
    let companions: [any Service]
    let onServerRunning: @Sendable () async -> Void

    init(
        environment: CommandEnvironment, runWorkers: Bool, secrets: DevSecrets? = nil, companions: [any Service] = [],
        onServerRunning: @escaping @Sendable () async -> Void = {}
    ) {
        self.environment = environment
        self.runWorkers = runWorkers
        self.secrets = secrets
        self.companions = companions
        self.onServerRunning = onServerRunning
    }

    func run() async throws {
        let configuration = self.environment.configuration
        let logger = self.environment.logger
        let applicationURL = try self.environment.applicationURL()
        try await DatabaseConnections.verifyApplicationRole(applicationURL, logger: logger)
        let client = DatabaseConnections.makeClient(applicationURL, poolSize: configuration.databasePoolSize, logger: logger)
        let services = try await AppServices.live(client: client, configuration: configuration, logger: logger, secrets: self.secrets)
        var background: [any Service] = [client] + self.companions
        if self.runWorkers {
            var workerConfiguration = JobWorker.Configuration()
            workerConfiguration.concurrency = configuration.workerConcurrency
            background.append(
                JobWorker(database: services.database, registry: services.jobs, configuration: workerConfiguration, logger: logger))
        }
        let application = try buildApplication(
            configuration: configuration, services: services, backgroundServices: background, logger: logger, onServerRunning: self.onServerRunning)
        try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
