import ArgumentParser
import Foundation
import IdentityContracts
import Kernel
import Logging
import Storage

struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Start everything locally: embedded PostgreSQL (unless DATABASE_URL is set), migrations, the demo tenant, server and workers.",
        discussion:
            "Prints the URL, the demo tenant's orgid, an admin JWT and an ERP API key, and writes them to .switchyard/dev.json. Ctrl-C stops everything, PostgreSQL included; the next run reuses the data."
    )

    @Option(help: "Port for the HTTP server (overrides PORT).") var port: Int?
    @Option(help: "The seed file loaded as the demo tenant (default: demo.json in SEEDS_DIR).") var seed: String?

    func run() async throws {
        var environment = try CommandEnvironment.load(label: "dev")
        if let port { environment = environment.with(port: port) }
        let home = environment.configuration.homeDirectory
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)

        var embedded: EmbeddedPostgres?
        if environment.configuration.databaseURL == nil {
            let cluster = try EmbeddedPostgres(
                directory: home.appendingPathComponent("postgres"), port: environment.configuration.embeddedPostgresPort, logger: environment.logger)
            try await cluster.start()
            embedded = cluster
            try await DatabaseAdministration.createDatabaseIfMissing("switchyard", server: cluster.serverURL, logger: environment.logger)
            var configuration = environment.configuration
            configuration.databaseURL = cluster.serverURL.with(database: "switchyard")
            environment = CommandEnvironment(configuration: configuration, logger: environment.logger)
        }
        do {
            try await self.runServer(environment: environment)
        } catch {
            try? await embedded?.stop()
            throw error
        }
        try await embedded?.stop()
    }

    private func runServer(environment: CommandEnvironment) async throws {
        let configuration = environment.configuration
        let home = configuration.homeDirectory
        let owner = try environment.ownerURL()
        try await DatabaseConnections.migrate(configuration: configuration, owner: owner, logger: environment.logger)
        let secrets = try DevSecrets.readOrCreate(home: home)
        var effective = configuration
        effective.jwtSecret = configuration.jwtSecret ?? secrets.jwtSecret
        effective.metricsToken = configuration.metricsToken ?? secrets.metricsToken
        let environment = CommandEnvironment(configuration: effective, logger: environment.logger)
        let url = "http://\(effective.host):\(effective.port)"
        let metricsToken = effective.metricsToken ?? ""

        let seedURL = self.seed.map { URL(fileURLWithPath: $0) } ?? configuration.seedsDirectory.appendingPathComponent("demo.json")
        let seedFile = try SeedFile.load(seedURL)
        let previous = try? DevState.read(home: home)
        let state = try await environment.withServices { services in
            let tenant = try await SeedLoader(identity: services.identity).apply(seedFile)
            guard let ownerUser = seedFile.users.first(where: { $0.role == .owner }) else { throw SeedError.noOwner(seedURL.path) }
            let erpKey = try await Self.erpKey(reusing: previous?.erpApiKey, tenant: tenant.id, identity: services.identity)
            return DevState(
                url: url,
                orgid: tenant.id.description,
                adminJWT: try await services.adminTokens.sign(user: ownerUser.id),
                erpApiKey: erpKey,
                databaseURL: owner.text,
                metricsToken: metricsToken)
        }
        try state.write(home: home)
        try await ServerRunner(environment: environment, runWorkers: true, secrets: secrets) {
            FileHandle.standardOutput.write(
                Data(
                    """

                    Switchyard is running at \(state.url)
                      orgid (demo tenant):  \(state.orgid)
                      admin JWT:            \(state.adminJWT)
                      ERP API key:          \(state.erpApiKey)
                      metrics token:        \(state.metricsToken)
                      database:             \(owner)
                    Written to \(DevState.file(home: home).path). Try:
                      curl \(state.url)/api/v1/health
                      curl -H "Authorization: Bearer $ADMIN_JWT" -H "orgid: \(state.orgid)" \(state.url)/api/admin/viewer
                    Ctrl-C stops everything.

                    """.utf8))
        }.run()
    }

    /// The key from the last run while it still works, so scripts keep theirs; a new one otherwise.
    private static func erpKey(reusing previous: String?, tenant: TenantID, identity: any IdentityFacade) async throws -> String {
        if let previous, let principal = try? await identity.authenticateToken(secret: previous), principal.tenant == tenant {
            return previous
        }
        return try await identity.issueToken(tenant: tenant, name: "dev ERP key", scopes: ["erp", "import:read", "import:write"], createdBy: "dev")
            .secret
    }
}
