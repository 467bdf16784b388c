import Hummingbird
import Kernel
import Logging
import Storage

/// Maps every error to one JSON error response, once, at the edge: domain errors by their kind, Hummingbird's own
/// HTTP errors by status, database refusals of a request's values to 422/409, and anything else to an opaque 500 that
/// is logged with the request id.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let bodyLimit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.response(
                for: error, path: request.uri.path, requestID: context.requestID, logger: context.logger, bodyLimit: self.bodyLimit)
        }
    }

    /// The one mapping of an error to its response (also used where a response must be known before it leaves, such as
    /// the partner API's call log).
    static func response(for error: any Error, path: String, requestID: String, logger: Logger, bodyLimit: Int) throws -> Response {
        switch error {
        case let error as any DomainError:
            return try Self.response(for: error, requestID: requestID)
        case let error as HTTPError:
            let mapped: APIError =
                switch error.status {
                case .notFound: .routeNotFound(path)
                case .contentTooLarge: .bodyTooLarge(limit: bodyLimit)
                case .methodNotAllowed: .methodNotAllowed
                case .badRequest: .malformedJSON(error.body ?? error.status.reasonPhrase)
                default: .rejected(status: error.status, reason: error.body ?? "")
                }
            return try Self.response(for: mapped, requestID: requestID)
        case let error where SQLState(of: error)?.isDataException == true:
            // Logged: a value the client sent is the usual cause, but a bug of ours (a bad cast) looks the same.
            logger.warning("the database refused a value", metadata: ["error": "\(String(reflecting: error))"])
            return try Self.response(for: APIError.valueNotStorable, requestID: requestID)
        case let error where SQLState(of: error)?.isUniqueViolation == true:
            logger.warning("a unique constraint refused a row", metadata: ["error": "\(String(reflecting: error))"])
            return try Self.response(for: APIError.alreadyExists, requestID: requestID)
        default:
            logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return try Self.body(
                status: .internalServerError,
                ErrorBody(
                    error: "Something went wrong on our side; quote the request id when reporting it.", code: "internal_error",
                    field: nil, requestId: requestID))
        }
    }

    static func response(for error: any DomainError, requestID: String) throws -> Response {
        let status = (error as? APIError)?.statusOverride ?? HTTPResponse.Status(code: error.kind.httpStatus)
        var response = try Self.body(
            status: status, ErrorBody(error: error.message, code: error.code, field: error.field, requestId: requestID, rows: error.rows))
        if status == .unauthorized {
            response.headers[.wwwAuthenticate] = "Bearer"
        }
        return response
    }

    private static func body(status: HTTPResponse.Status, _ body: ErrorBody) throws -> Response {
        try Response.json(body, status: status)
    }
}
