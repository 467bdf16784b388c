import Foundation

/// What a handler leaves behind for the job tray, stored as JSON on the job.
public struct JobResult: Sendable, Equatable {
    public let json: String?

    public static let none = JobResult(json: nil)

    public init(json: String?) {
        self.json = json
    }

    public init(_ value: some Encodable) throws {
        self.json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
