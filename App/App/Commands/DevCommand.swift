import ArgumentParser
import Foundation
import IdentityContracts
import IntegrationsContracts
import Kernel
import Logging
import Sandbox
import ServiceLifecycle
import Storage
import UnixSignals

struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract:
            "Start everything locally: embedded PostgreSQL (unless DATABASE_URL is set), migrations, the channel Sandbox, the demo tenant connected to all eight sandbox channels, server and workers.",
        discussion:
            "Prints the URLs, the demo tenant's orgid, an admin JWT and an ERP API key, and writes them to .switchyard/dev.json. Ctrl-C stops everything, PostgreSQL included; the next run reuses the data."
    )

    @Option(help: "Port for the HTTP server (overrides PORT).") var port: Int?
    @Option(help: "The seed file loaded as the demo tenant (default: demo.json in SEEDS_DIR).") var seed: String?

    func run() async throws {
        var environment = try CommandEnvironment.load(label: "dev")
        if let port { environment = environment.with(port: port) }
        let home = environment.configuration.homeDirectory
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let secrets = try DevSecrets.readOrCreate(home: home)
        environment = environment.using(secrets)

        var embedded: EmbeddedPostgres?
        if environment.configuration.databaseURL == nil {
            let cluster = try EmbeddedPostgres(
                directory: home.appendingPathComponent("postgres"), port: environment.configuration.embeddedPostgresPort, logger: environment.logger)
            environment.configuration.databaseURL = cluster.serverURL.with(database: "switchyard")
            embedded = cluster
        }
        do {
            let prepared = try await Self.cancelledByInterrupt { [environment, embedded] in
                if let embedded {
                    try await embedded.start()
                    try await DatabaseAdministration.createDatabaseIfMissing("switchyard", server: embedded.serverURL, logger: environment.logger)
                }
                return try await self.prepare(environment: environment, secrets: secrets)
            }
            try await Self.serve(prepared)
        } catch {
            try? await embedded?.stop()
            throw error
        }
        try await embedded?.stop()
    }

    /// Runs `body`; a SIGINT or SIGTERM that arrives meanwhile (while PostgreSQL starts, migrations run or the seed
    /// loads) cancels it, so that the caller still stops PostgreSQL. Once the server runs, its own graceful shutdown
    /// handles the signals.
    private static func cancelledByInterrupt<Result: Sendable>(_ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) { throw CancellationError() }
                return nil
            }
            group.addTask { try await body() }
            defer { group.cancelAll() }
            while let finished = try await group.next() {
                if let result = finished { return result }
            }
            throw CancellationError()
        }
    }

    /// What `dev` has ready once the database is migrated and the demo tenant loaded.
    private struct Prepared: Sendable {
        let environment: CommandEnvironment
        let secrets: DevSecrets
        let state: DevState
        let home: URL
        let databaseDescription: String
        let sandbox: Sandbox
        let sandboxRoot: String
    }

    private func prepare(environment: CommandEnvironment, secrets: DevSecrets) async throws -> Prepared {
        let home = environment.configuration.homeDirectory
        let owner = try environment.ownerURL()
        try await DatabaseConnections.migrate(configuration: environment.configuration, owner: owner, logger: environment.logger)
        var environment = environment
        environment.configuration.jwtSecret = environment.configuration.jwtSecret ?? secrets.jwtSecret
        environment.configuration.metricsToken = environment.configuration.metricsToken ?? secrets.metricsToken
        let effective = environment.configuration
        let url = "http://\(effective.host):\(effective.port)"
        let metricsToken = effective.metricsToken ?? ""

        let seedURL = self.seed.map { URL(fileURLWithPath: $0) } ?? effective.seedsDirectory.appendingPathComponent("demo.json")
        let seedFile = try SeedFile.load(seedURL)
        let previous = try? DevState.read(home: home)
        let sandbox = try Sandbox(logger: environment.logger)
        let sandboxRoot = "http://\(effective.host):\(effective.sandboxPort)"
        let state = try await environment.withServices { services in
            let tenant = try await SeedLoader(identity: services.identity, inventory: services.inventory, catalog: services.catalog).apply(seedFile)
            let demo = DemoChannels(services: services, sandbox: sandbox, sandboxRoot: sandboxRoot, switchyardURL: url)
            try await demo.connect(tenant: tenant.id)
            let partner = try await demo.partner(tenant: tenant.id)
            guard let ownerUser = seedFile.users.first(where: { $0.role == .owner }) else { throw SeedError.noOwner(seedURL.path) }
            let erpKey = try await Self.erpKey(reusing: previous?.erpApiKey, tenant: tenant.id, identity: services.identity)
            return DevState(
                url: url,
                orgid: tenant.id.description,
                adminJWT: try await services.adminTokens.sign(user: ownerUser.id),
                erpApiKey: erpKey,
                databaseURL: owner.text,
                metricsToken: metricsToken,
                partnerId: partner.id.rawValue,
                partnerToken: try await Self.partnerToken(
                    reusing: previous?.partnerToken, tenant: tenant.id, partner: partner.id.rawValue, identity: services.identity))
        }
        try state.write(home: home)
        return Prepared(
            environment: environment, secrets: secrets, state: state, home: home, databaseDescription: "\(owner)", sandbox: sandbox,
            sandboxRoot: sandboxRoot)
    }

    private static func serve(_ prepared: Prepared) async throws {
        let state = prepared.state
        let configuration = prepared.environment.configuration
        var companions: [any Service] = [
            prepared.sandbox.application(host: configuration.host, port: configuration.sandboxPort, logger: prepared.environment.logger)
        ]
        if configuration.sandboxTickSeconds > 0 {
            companions.append(SandboxStream(sandbox: prepared.sandbox, interval: .seconds(configuration.sandboxTickSeconds)))
        }
        try await ServerRunner(environment: prepared.environment, runWorkers: true, secrets: prepared.secrets, companions: companions) {
            FileHandle.standardOutput.write(
                Data(
                    """

                    Switchyard is running at \(state.url)
                      orgid (demo tenant):  \(state.orgid)
                      admin JWT:            \(state.adminJWT)
                      ERP API key:          \(state.erpApiKey)
                      partner token:        \(state.partnerToken ?? "") (channel partner \(state.partnerId.map(String.init) ?? ""))
                      metrics token:        \(state.metricsToken)
                      database:             \(prepared.databaseDescription)
                      channel sandbox:      \(prepared.sandboxRoot)/_sandbox (8 channels connected to the demo tenant)
                    Written to \(DevState.file(home: prepared.home).path). Try:
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

    private static func partnerToken(reusing previous: String?, tenant: TenantID, partner: Int64, identity: any IdentityFacade) async throws
        -> String
    {
        if let previous, case .machine(let token)? = try? await identity.authenticateToken(secret: previous), token.tenantID == tenant,
            token.channelInstanceID == partner
        {
            return previous
        }
        return try await identity.issueChannelToken(
            tenant: tenant, channel: partner, name: "dev partner token", scopes: ["channel:read", "channel:write"], replacing: true,
            createdBy: "dev"
        ).secret
    }
}
