import Catalog
import CatalogContracts
import Foundation
import Identity
import IdentityContracts
import Integrations
import Inventory
import Kernel
import Logging
import Orders
import OrdersContracts
import PostgresNIO
import Storage
import Synchronization

/// What every subcommand starts from: the configuration, a logger, and the way to the database.
struct CommandEnvironment: Sendable {
    var configuration: AppConfiguration
    let logger: Logger
    /// The secrets `switchyard dev` keeps in this folder, if it has run here.
    var devSecrets: DevSecrets? = nil

    static func load(label: String) throws -> CommandEnvironment {
        let configuration = try AppConfiguration.load()
        LoggingBootstrap.once(format: configuration.logFormat)
        var logger = Logger(label: "switchyard.\(label)")
        logger.logLevel = configuration.logLevel
        let environment = CommandEnvironment(configuration: configuration, logger: logger)
        guard let secrets = try? DevSecrets.read(home: configuration.homeDirectory) else { return environment }
        return environment.using(secrets)
    }

    /// On the embedded default (no `DATABASE_URL`), the application role's password is the one `switchyard dev`
    /// generated, unless `APP_DATABASE_PASSWORD` says otherwise: a well-known default would let any local user in.
    func using(_ secrets: DevSecrets) -> CommandEnvironment {
        var environment = self
        environment.devSecrets = secrets
        guard self.configuration.databaseURL == nil, self.configuration.applicationDatabaseURL == nil,
            !self.configuration.applicationRolePasswordGiven, let password = secrets.appDatabasePassword
        else { return environment }
        environment.configuration.applicationRole = ApplicationRole(name: self.configuration.applicationRole.name, password: password)
        return environment
    }

    /// The owner URL: `DATABASE_URL`, or the one a running `switchyard dev` wrote to `dev.json`.
    func ownerURL() throws -> DatabaseURL {
        if let url = self.configuration.databaseURL { return url }
        if let dev = try? DevState.read(home: self.configuration.homeDirectory) { return try DatabaseURL(dev.databaseURL) }
        throw ConfigurationError.missing("DATABASE_URL", "set it, or start `switchyard dev` in this folder first")
    }

    /// The application role's URL, resolved the same way.
    func applicationURL() throws -> DatabaseURL {
        if let url = self.configuration.applicationDatabaseURL { return url }
        return try self.ownerURL().with(username: self.configuration.applicationRole.name, password: self.configuration.applicationRole.password)
    }

    /// Runs `body` with the application's services on a pool that lives exactly that long.
    func withServices<Result: Sendable>(_ body: @Sendable (AppServices) async throws -> Result) async throws -> Result {
        let url = try self.applicationURL()
        let configuration = self.configuration
        let logger = self.logger
        let secrets = self.devSecrets
        return try await DatabaseAdministration.withClient(url, poolSize: 4, logger: logger) { client in
            let services = try await AppServices.live(client: client, configuration: configuration, logger: logger, secrets: secrets)
            return try await body(services)
        }
    }
}

enum LoggingBootstrap {
    private static let done = Mutex(false)

    /// The logging backend can be chosen once per process; later calls keep the first choice.
    static func once(format: LogFormat) {
        self.done.withLock { done in
            guard !done else { return }
            done = true
            let json = format == .json || (format == .automatic && isatty(STDERR_FILENO) == 0)
            LoggingSystem.bootstrap { label -> any LogHandler in
                json ? JSONLogHandler.standardError(label: label) : StreamLogHandler.standardError(label: label)
            }
        }
    }
}

extension AppServices {
    /// The production wiring on top of an application-role pool.
    static func live(client: PostgresClient, configuration: AppConfiguration, logger: Logger, secrets: DevSecrets? = nil) async throws
        -> AppServices
    {
        let database = Database(client: client, logger: logger)
        guard let secret = configuration.jwtSecret ?? secrets?.jwtSecret else {
            throw ConfigurationError.missing("JWT_SECRET", "admin JWTs cannot be signed or verified without it (32 bytes or more)")
        }
        let tokens = await AdminTokens(secret: secret, issuer: configuration.jwtIssuer, lifetimeMinutes: configuration.jwtLifetimeMinutes)
        let orders = OrdersService(database: database)
        let catalog = CatalogService(database: database)
        let integrations = try IntegrationsService.live(
            database: database, configuration: configuration, secrets: secrets, orders: orders, catalog: catalog, logger: logger)
        let inventory = InventoryService(database: database)
        return AppServices(
            database: database, identity: IdentityService(database: database), integrations: integrations, orders: orders, inventory: inventory,
            catalog: catalog, adminTokens: tokens, clock: SystemClock(), jobs: JobHandlers.registry(integrations: integrations, inventory: inventory))
    }
}

extension IntegrationsService {
    /// The Integrations context with the configured credentials key; one per process, so its rate-limit buckets are shared.
    static func live(
        database: Database, configuration: AppConfiguration, secrets: DevSecrets?, orders: any OrdersFacade, catalog: any CatalogFacade,
        logger: Logger
    ) throws
        -> IntegrationsService
    {
        guard let key = configuration.credentialsKey ?? secrets?.credentialsKey, let vault = CredentialVault(base64Key: key) else {
            throw ConfigurationError.missing("CREDENTIALS_KEY", "channel credentials cannot be sealed or opened without it (base64 of 32 bytes)")
        }
        return IntegrationsService(
            database: database, vault: vault, clock: SystemClock(), links: configuration.authorizationLinks, orders: orders,
            catalog: catalog,
            logger: Logger(label: "switchyard.integrations"))
    }
}
