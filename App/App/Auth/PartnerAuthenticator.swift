import Hummingbird

/// The channel partner API's callers: a channel token (`Authorization: Bearer syk_…` or `X-Api-Key`), or a signed-in
/// user (admin JWT + `orgid`) managing the tenant's partners. Which instance each may touch is `AuthenticatedContext.authorize`'s call.
struct PartnerAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext

    let admin: AdminAuthenticator
    let machine: MachineTokenAuthenticator

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws
        -> Response
    {
        if MachineTokenAuthenticator.secret(in: request) != nil { return try await self.machine.handle(request, context: context, next: next) }
        return try await self.admin.handle(request, context: context, next: next)
    }
}
