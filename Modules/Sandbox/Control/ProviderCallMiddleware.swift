import Channels
import Foundation
import Hummingbird
import Kernel

/// Stands in front of one provider's routes: logs every call and injects the faults queued for it (429 with
/// `Retry-After`, 5xx, slow answers).
struct ProviderCallMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let provider: Provider
    let control: SandboxControl

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let method = request.method.rawValue
        if let slow = await self.control.take(self.provider, path: path, kinds: [.slow]) {
            try await Task.sleep(for: .milliseconds(slow.delayMilliseconds ?? 2000))
        }
        if let fault = await self.control.take(self.provider, path: path, kinds: [.rateLimit, .serverError]) {
            let isRateLimit = fault.kind == .rateLimit
            let status = isRateLimit ? 429 : fault.status ?? 503
            let retryAfter = isRateLimit ? fault.retryAfter ?? 1 : nil
            await self.control.record(self.provider, method: method, path: path, status: status, at: Date(), retryAfter: retryAfter)
            return SandboxHTTP.json(
                .members([
                    "errors": .array([
                        .members([
                            "code": .string(isRateLimit ? "QuotaExceeded" : "InternalFailure"),
                            "message": .string(
                                isRateLimit ? "You exceeded your quota for the requested resource." : "We encountered an internal error."),
                        ])
                    ])
                ]),
                status: status, headers: retryAfter.map { [("Retry-After", "\($0)")] } ?? [])
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            await self.control.record(self.provider, method: method, path: path, status: Int(error.status.code), at: Date(), retryAfter: nil)
            throw error
        }
        await self.control.record(self.provider, method: method, path: path, status: Int(response.status.code), at: Date(), retryAfter: nil)
        return response
    }
}
