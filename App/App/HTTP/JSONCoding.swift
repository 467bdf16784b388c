import Foundation
import Hummingbird
import Kernel
import NIOCore

/// JSON on the wire: snake_case keys, ISO 8601 timestamps with offset.
enum JSONCoding {
    /// The seeds' REST surfaces differ: the ERP API is snake_case, the import API camelCase.
    enum KeyStyle {
        case snakeCase
        case camelCase
    }

    static func encoder(keys: KeyStyle = .snakeCase) -> JSONEncoder {
        let encoder = JSONEncoder()
        if keys == .snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.string(from: date))
        }
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601.date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 8601 timestamp")
            }
            return date
        }
        return decoder
    }
}

extension Response {
    /// A JSON response of `value`.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, keys: JSONCoding.KeyStyle = .snakeCase) throws -> Response {
        let data = try JSONCoding.encoder(keys: keys).encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Response {
    /// A JSON body PostgreSQL already wrote.
    static func written(_ json: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
    }
}

extension Request {
    /// Decodes the JSON body as `T`, turning every decoding problem into a 400/422 that names the field.
    func decodeJSON<T: Decodable>(_ type: T.Type) async throws -> T {
        let buffer = try await self.body.collect(upTo: .max)
        guard buffer.readableBytes > 0 else { throw APIError.malformedJSON("the body is empty") }
        do {
            return try JSONCoding.decoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, let json = try? JSONParser.parse(Array(buffer.readableBytesView))
            {
                // Foundation reports a number that does not fit its field (2.5 for a whole number) as invalid JSON.
                // Named when only one number can be the culprit.
                let unfit = Self.unfitNumbers(in: json)
                guard unfit.count == 1, let path = unfit.first else {
                    throw APIError.invalidBody("holds a number that does not fit its field: a whole number was expected, or it is out of range.")
                }
                throw APIError.invalidField(path: path, reason: "must be a whole number within range.")
            }
            throw Self.apiError(for: error)
        }
    }

    /// The JSON body as written, for requests whose rows are validated one by one (seed `001_…`'s batches).
    func jsonValue() async throws -> JSONValue {
        let buffer = try await self.body.collect(upTo: .max)
        guard buffer.readableBytes > 0 else { throw APIError.malformedJSON("the body is empty") }
        do {
            return try JSONParser.parse(Array(buffer.readableBytesView))
        } catch {
            throw APIError.malformedJSON("invalid JSON at byte \(error.offset)")
        }
    }

    /// The paths of the numbers that are not whole numbers a 64-bit integer holds, with keys as written.
    private static func unfitNumbers(in json: JSONValue, at path: [String] = []) -> [[String]] {
        switch json {
        case .number(let text): Int64(text) == nil ? [path] : []
        case .object(let members): members.flatMap { Self.unfitNumbers(in: $0.value, at: path + [$0.key]) }
        case .array(let items): items.enumerated().flatMap { Self.unfitNumbers(in: $1, at: path + [String($0)]) }
        case .string, .bool, .null: []
        }
    }

    private static func apiError(for error: DecodingError) -> APIError {
        func path(_ codingPath: [any CodingKey], _ key: (any CodingKey)? = nil) -> [String] {
            (codingPath + (key.map { [$0] } ?? [])).map { $0.intValue.map(String.init) ?? Self.snakeCase($0.stringValue) }
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .malformedJSON(context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        case .dataCorrupted(let context):
            return .invalidField(path: path(context.codingPath), reason: "is invalid: \(context.debugDescription)")
        case .keyNotFound(let key, let context):
            return .invalidField(path: path(context.codingPath, key), reason: "is required.")
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return .invalidBody("must be a JSON object.")
        case .typeMismatch(let type, let context):
            return .invalidField(path: path(context.codingPath), reason: "must be \(Self.jsonTypeName(type)).")
        case .valueNotFound(let type, let context):
            return .invalidField(path: path(context.codingPath), reason: "must be \(Self.jsonTypeName(type)), not null.")
        @unknown default:
            return .malformedJSON("\(error)")
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type, is [String].Type: "an array"
        default: "\(type)"
        }
    }

    private static func snakeCase(_ key: String) -> String {
        key.reduce(into: "") { result, character in
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
    }
}
