import ArgumentParser
import Catalog
import Integrations
import Inventory
import Logging
import Orders
import ServiceLifecycle
import Storage
import UnixSignals

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run job workers only, until SIGINT/SIGTERM (running jobs finish first).")

    @Option(help: "Jobs in flight at once (overrides WORKER_CONCURRENCY).") var concurrency: Int?

    func run() async throws {
        let environment = try CommandEnvironment.load(label: "worker")
        let configuration = environment.configuration
        let applicationURL = try environment.applicationURL()
        try await DatabaseConnections.verifyApplicationRole(applicationURL, logger: environment.logger)
        let client = DatabaseConnections.makeClient(
            applicationURL, poolSize: configuration.databasePoolSize, logger: environment.logger)
        let database = Database(client: client, logger: environment.logger)
        var workerConfiguration = JobWorker.Configuration()
        workerConfiguration.concurrency = self.concurrency ?? configuration.workerConcurrency
        let integrations = try IntegrationsService.live(
            database: database, configuration: configuration, secrets: environment.devSecrets, orders: OrdersService(database: database),
            catalog: CatalogService(database: database), logger: environment.logger)
        let worker = JobWorker(
            database: database, registry: JobHandlers.registry(integrations: integrations, inventory: InventoryService(database: database)),
            configuration: workerConfiguration,
            logger: environment.logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: client), .init(service: worker)], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: environment.logger))
        try await group.run()
    }
}
