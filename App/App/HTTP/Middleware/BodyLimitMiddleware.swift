import Hummingbird
import NIOCore

/// Refuses bodies over the limit with 413 before any handler sees them: early by `Content-Length`, and by counting
/// for chunked bodies, which are then handed on already collected.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > self.limit {
            throw APIError.bodyTooLarge(limit: self.limit)
        }
        guard request.method == .post || request.method == .put || request.method == .patch else {
            return try await next(request, context)
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: self.limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.bodyTooLarge(limit: self.limit)
        }
        request.body = RequestBody(buffer: buffer)
        return try await next(request, context)
    }
}
