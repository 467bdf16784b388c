import Foundation
import Hummingbird
import Kernel

/// Errors raised by the HTTP edge itself (malformed requests), as opposed to a context's domain errors.
public enum APIError: DomainError, Equatable {
    case malformedJSON(String)
    case invalidBody(String)
    case invalidField(path: [String], reason: String)
    case invalidParameter(name: String, reason: String)
    case missingHeader(String)
    case invalidHeader(String, reason: String)
    case bodyTooLarge(limit: Int)
    case routeNotFound(String)
    case methodNotAllowed
    /// The database refused a value in the request (a NUL character in text, a number out of range).
    case valueNotStorable
    /// A unique constraint the request ran into that no domain rule caught first.
    case alreadyExists
    /// Any other refusal by the HTTP layer, with its own status.
    case rejected(status: HTTPResponse.Status, reason: String)

    public var kind: DomainErrorKind {
        switch self {
        case .routeNotFound: .notFound
        case .alreadyExists: .conflict
        default: .invalidInput
        }
    }

    public var code: String {
        switch self {
        case .malformedJSON: "malformed_json"
        case .invalidBody: "invalid_body"
        case .invalidField: "invalid_field"
        case .invalidParameter: "invalid_parameter"
        case .missingHeader: "missing_header"
        case .invalidHeader: "invalid_header"
        case .bodyTooLarge: "body_too_large"
        case .routeNotFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .valueNotStorable: "invalid_value"
        case .alreadyExists: "already_exists"
        case .rejected(let status, _): status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
        }
    }

    public var message: String {
        switch self {
        case .malformedJSON(let reason): "The request body is not valid JSON: \(reason)"
        case .invalidBody(let reason): "The request body \(reason)"
        case .invalidField(let path, let reason): "Field '\(path.joined(separator: "."))' \(reason)"
        case .invalidParameter(let name, let reason): "Parameter '\(name)' \(reason)"
        case .missingHeader(let name): "The \(name) header is required."
        case .invalidHeader(let name, let reason): "The \(name) header \(reason)"
        case .bodyTooLarge(let limit): "The request body is larger than the limit of \(limit) bytes."
        case .routeNotFound(let path): "No route matches \(path)."
        case .methodNotAllowed: "This method is not allowed here."
        case .valueNotStorable:
            "A value in the request cannot be stored: text may not contain NUL characters and numbers must be in range."
        case .alreadyExists: "A record with the same unique values already exists."
        case .rejected(let status, let reason): reason.isEmpty ? "\(status.reasonPhrase)." : reason
        }
    }

    public var field: [String]? {
        switch self {
        case .invalidField(let path, _): path
        case .invalidParameter(let name, _): [name]
        default: nil
        }
    }

    /// The HTTP status for this edge error, where it differs from its kind's.
    var statusOverride: HTTPResponse.Status? {
        switch self {
        case .bodyTooLarge: .contentTooLarge
        case .methodNotAllowed: .methodNotAllowed
        case .malformedJSON, .missingHeader, .invalidHeader, .invalidParameter: .badRequest
        case .rejected(let status, _): status
        default: nil
        }
    }
}
