import Configuration
import Foundation
import Integrations
import Logging
import QueryLanguage
import Storage

/// Everything Switchyard reads from its environment, read once at start-up. Each key's variable and default is listed in
/// the README; `load(environment:)` is the only place they are spelled.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The owner role's URL: runs migrations. `nil` in `dev` means "start the embedded cluster".
    public var databaseURL: DatabaseURL?
    /// The application role's URL, when given explicitly.
    public var applicationDatabaseURL: DatabaseURL?
    public var applicationRole: ApplicationRole
    /// Whether `APP_DATABASE_PASSWORD` was given; without it and without `DATABASE_URL`, the password `switchyard dev`
    /// generated is used.
    public var applicationRolePasswordGiven: Bool
    public var databasePoolSize: Int
    public var jwtSecret: String?
    public var jwtIssuer: String
    public var jwtLifetimeMinutes: Int
    public var maxBodyBytes: Int
    public var metricsToken: String?
    /// AES-256 key (base64 of 32 bytes) sealing channel credentials at rest.
    public var credentialsKey: String?
    /// The server's URL as the channels reach it; webhook addresses and eBay's endpoint challenge use it.
    public var publicURL: String?
    /// The admin frontend's URL; a seller who consented to a channel returns to the instance's page there.
    public var adminURL: String?
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    public var schemaDirectory: URL
    public var seedsDirectory: URL
    public var homeDirectory: URL
    public var embeddedPostgresPort: Int
    public var workerConcurrency: Int
    public var serveRunsWorkers: Bool
    /// Where `switchyard dev` and `switchyard sandbox` serve the channel Sandbox.
    public var sandboxPort: Int
    /// How often the Sandbox's stores receive a new and an updated order (0: never).
    public var sandboxTickSeconds: Int
    /// The admin query language's cost limits and throttle.
    public var queryLimits: QueryLimits

    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfiguration {
        let config = ConfigReader(
            provider: EnvironmentVariablesProvider(
                environmentVariables: environment,
                secretsSpecifier: .specific(["DATABASE_URL", "APP_DATABASE_URL", "APP_DATABASE_PASSWORD", "JWT_SECRET", "METRICS_TOKEN"])))
        let levelText = config.string(forKey: "log.level", default: "info")
        guard let level = Logger.Level(rawValue: levelText) else {
            throw ConfigurationError.invalid("LOG_LEVEL", "one of trace, debug, info, notice, warning, error, critical")
        }
        let formatText = config.string(forKey: "log.format", default: LogFormat.automatic.rawValue)
        guard let format = LogFormat(rawValue: formatText) else {
            throw ConfigurationError.invalid("LOG_FORMAT", "one of auto, json, text")
        }
        let configuration = AppConfiguration(
            host: config.string(forKey: "host", default: "127.0.0.1"),
            port: config.int(forKey: "port", default: 8080),
            databaseURL: try config.string(forKey: "database.url", isSecret: true).map { try DatabaseURL($0) },
            applicationDatabaseURL: try config.string(forKey: "app.database.url", isSecret: true).map { try DatabaseURL($0) },
            applicationRole: ApplicationRole(
                name: config.string(forKey: "app.database.role", default: "switchyard_app"),
                password: config.string(forKey: "app.database.password", isSecret: true, default: "switchyard_app")),
            applicationRolePasswordGiven: config.string(forKey: "app.database.password", isSecret: true) != nil,
            databasePoolSize: config.int(forKey: "database.pool.size", default: 20),
            jwtSecret: config.string(forKey: "jwt.secret", isSecret: true),
            jwtIssuer: config.string(forKey: "jwt.issuer", default: "switchyard"),
            jwtLifetimeMinutes: config.int(forKey: "jwt.lifetime.minutes", default: 720),
            maxBodyBytes: config.int(forKey: "max.body.bytes", default: 2 * 1024 * 1024),
            metricsToken: config.string(forKey: "metrics.token", isSecret: true),
            credentialsKey: config.string(forKey: "credentials.key", isSecret: true),
            publicURL: config.string(forKey: "public.url"),
            adminURL: config.string(forKey: "admin.url"),
            logLevel: level,
            logFormat: format,
            schemaDirectory: URL(fileURLWithPath: config.string(forKey: "schema.dir", default: "Schema")),
            seedsDirectory: URL(fileURLWithPath: config.string(forKey: "seeds.dir", default: "seeds")),
            homeDirectory: URL(fileURLWithPath: config.string(forKey: "switchyard.home", default: ".switchyard")),
            embeddedPostgresPort: config.int(forKey: "embedded.postgres.port", default: 54329),
            workerConcurrency: config.int(forKey: "worker.concurrency", default: 32),
            serveRunsWorkers: config.bool(forKey: "serve.runs.workers", default: true),
            sandboxPort: config.int(forKey: "sandbox.port", default: 8090),
            sandboxTickSeconds: config.int(forKey: "sandbox.tick.seconds", default: 60),
            queryLimits: QueryLimits(
                maximumCost: config.int(forKey: "query.max.cost", default: 1000),
                maximumDepth: config.int(forKey: "query.max.depth", default: 15),
                bucketCapacity: config.int(forKey: "query.bucket.capacity", default: 2000),
                restoreRate: config.int(forKey: "query.restore.rate", default: 100))
        )
        try configuration.validate()
        return configuration
    }

    private func validate() throws {
        guard (1...65535).contains(self.port) else { throw ConfigurationError.invalid("PORT", "a port from 1 to 65535") }
        guard (1...1000).contains(self.databasePoolSize) else { throw ConfigurationError.invalid("DATABASE_POOL_SIZE", "1 to 1000") }
        guard self.maxBodyBytes >= 1024 else { throw ConfigurationError.invalid("MAX_BODY_BYTES", "at least 1024") }
        guard self.jwtLifetimeMinutes > 0 else { throw ConfigurationError.invalid("JWT_LIFETIME_MINUTES", "a positive number") }
        guard (1...65535).contains(self.sandboxPort) else { throw ConfigurationError.invalid("SANDBOX_PORT", "a port from 1 to 65535") }
        guard self.sandboxTickSeconds >= 0 else { throw ConfigurationError.invalid("SANDBOX_TICK_SECONDS", "0 or more") }
        guard (1...10_000).contains(self.workerConcurrency) else { throw ConfigurationError.invalid("WORKER_CONCURRENCY", "1 to 10000") }
        guard self.queryLimits.maximumCost > 0 else { throw ConfigurationError.invalid("QUERY_MAX_COST", "a positive number") }
        guard self.queryLimits.maximumDepth > 0 else { throw ConfigurationError.invalid("QUERY_MAX_DEPTH", "a positive number") }
        guard self.queryLimits.bucketCapacity >= self.queryLimits.maximumCost else {
            throw ConfigurationError.invalid("QUERY_BUCKET_CAPACITY", "at least QUERY_MAX_COST")
        }
        guard self.queryLimits.restoreRate > 0 else { throw ConfigurationError.invalid("QUERY_RESTORE_RATE", "a positive number") }
        if let key = self.credentialsKey, Data(base64Encoded: key)?.count != 32 {
            throw ConfigurationError.invalid("CREDENTIALS_KEY", "base64 of 32 random bytes")
        }
        if let secret = self.jwtSecret, secret.utf8.count < 32 {
            throw ConfigurationError.invalid("JWT_SECRET", "at least 32 bytes")
        }
    }

    /// The URL the application role connects with: explicit, or the owner's server and database as the application role.
    public var resolvedApplicationDatabaseURL: DatabaseURL? {
        self.applicationDatabaseURL
            ?? self.databaseURL?.with(username: self.applicationRole.name, password: self.applicationRole.password)
    }

    /// `PUBLIC_URL`, or the address the server listens on.
    public var resolvedPublicURL: String {
        let url = self.publicURL ?? "http://\(self.host):\(self.port)"
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    /// Where consents lead: the providers' callbacks under the public URL, the seller back to `ADMIN_URL` (the public URL
    /// when unset).
    public var authorizationLinks: AuthorizationLinks {
        AuthorizationLinks(publicURL: self.resolvedPublicURL, adminURL: self.adminURL ?? self.resolvedPublicURL)
    }

    public var migrationsDirectory: URL { self.schemaDirectory.appendingPathComponent("migrations") }
}

/// A configuration value that cannot be used.
public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    case invalid(String, String)
    case missing(String, String)

    public var description: String {
        switch self {
        case .invalid(let variable, let expected): "\(variable) is invalid: expected \(expected)."
        case .missing(let variable, let why): "\(variable) is not set: \(why)."
        }
    }
}
