import Foundation

/// What a handler leaves behind for the job tray, stored as JSON on the job.
public struct JobResult: Sendable, Equatable {
    public let json: String?

    public static let none = JobResult(validated: nil)

    /// Takes a JSON document as text; anything that does not parse as JSON is refused here rather than when the
    /// worker writes it.
    public init(json: String) throws {
        guard (try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)) != nil else {
            throw JobFailure.permanent("the handler's result is not a JSON document")
        }
        self.json = json
    }

    public init(_ value: some Encodable) throws {
        self.json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    private init(validated json: String?) {
        self.json = json
    }
}
