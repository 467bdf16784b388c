import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The router with every route and middleware; tests drive it in-process. Fails when the query schema in
/// `Schema/query` and the resolvers disagree.
public func buildRouter(configuration: AppConfiguration, services: AppServices) throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: ErrorMiddleware(bodyLimit: configuration.maxBodyBytes))
    router.add(middleware: BodyLimitMiddleware(limit: configuration.maxBodyBytes))

    HealthRoutes.add(to: router, clock: services.clock)
    MetricsRoutes.add(to: router, registry: Telemetry.registry, token: configuration.metricsToken)

    AdminRoutes(identity: services.identity, database: services.database).add(
        to: router.group("/api/admin")
            .add(middleware: AdminAuthenticator(tokens: services.adminTokens, identity: services.identity))
            .group(context: AuthenticatedContext.self))
    let salesChannel = router.group("/sales-channel")
        .add(middleware: AdminAuthenticator(tokens: services.adminTokens, identity: services.identity))
        .group(context: AuthenticatedContext.self)
    SalesChannelRoutes(database: services.database).add(to: salesChannel)
    SalesChannelOrderRoutes(database: services.database, orders: services.orders, integrations: services.integrations).add(to: salesChannel)
    SalesChannelInventoryRoutes(database: services.database, inventory: services.inventory).add(to: salesChannel)
    let engine = try AdminQuery.engine(
        schemaDirectory: configuration.schemaDirectory.appendingPathComponent("query"), limits: configuration.queryLimits,
        logger: Logger(label: "switchyard.query"))
    QueryRoutes(engine: engine, services: services).add(
        to: router.group("/graphql")
            .add(middleware: AdminAuthenticator(tokens: services.adminTokens, identity: services.identity))
            .group(context: AuthenticatedContext.self))
    AuthorizationCallbackRoutes(integrations: services.integrations).add(to: router.group("/oauth"))
    WebhookRoutes(integrations: services.integrations, publicURL: configuration.resolvedPublicURL).add(
        to: router.group("/upstream/webhooks"))
    PartnerRoutes(
        integrations: services.integrations, identity: services.identity, database: services.database, bodyLimit: configuration.maxBodyBytes
    )
    .add(
        to: router.group("/api")
            .add(
                middleware: PartnerAuthenticator(
                    admin: AdminAuthenticator(tokens: services.adminTokens, identity: services.identity),
                    machine: MachineTokenAuthenticator(identity: services.identity))
            )
            .group(context: AuthenticatedContext.self))
    let erp = router.group("/api/v1").add(middleware: MachineTokenAuthenticator(identity: services.identity)).group(
        context: AuthenticatedContext.self)
    ErpRoutes(database: services.database, orders: services.orders, clock: services.clock).add(to: erp)
    ErpCatalogRoutes(database: services.database).add(to: erp)
    ImportStatusRoutes(database: services.database).add(
        to: router.group("/api/import")
            .add(middleware: MachineTokenAuthenticator(identity: services.identity))
            .group(context: AuthenticatedContext.self))
    return router
}

/// The whole server: routes plus the background services that live and shut down with it
/// (the PostgreSQL pool, job workers). Graceful shutdown stops the server first, then workers, then the pool.
public func buildApplication(
    configuration: AppConfiguration, services: AppServices, backgroundServices: [any Service], logger: Logger,
    onServerRunning: @escaping @Sendable () async -> Void = {}
) throws -> some ApplicationProtocol {
    Application(
        router: try buildRouter(configuration: configuration, services: services),
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "switchyard"),
        services: backgroundServices,
        onServerRunning: { _ in await onServerRunning() },
        logger: logger
    )
}
