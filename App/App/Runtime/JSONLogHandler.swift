import Foundation
import Kernel
import Logging

/// Structured logs: one JSON object per line with `time`, `level`, `logger`, `message`, `source` and every metadata
/// key (request and job metadata such as `request_id`, `job.id`, `tenant`) as a field of its own.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let write: @Sendable (String) -> Void

    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    /// Writes each line to standard error whole, under a lock, so that lines from concurrent tasks never interleave.
    /// A failing standard error (a closed pipe, a full disk) loses the line rather than the process.
    public static func standardError(label: String) -> JSONLogHandler {
        JSONLogHandler(label: label) { line in StandardError.write(line) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = self.metadata
        if let provided = self.metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        var line = "{\"time\":"
        Self.appendString(ISO8601.string(from: Date()), to: &line)
        line += ",\"level\":"
        Self.appendString(event.level.rawValue, to: &line)
        line += ",\"logger\":"
        Self.appendString(self.label, to: &line)
        line += ",\"message\":"
        Self.appendString(event.message.description, to: &line)
        line += ",\"source\":"
        Self.appendString("\(event.file.split(separator: "/").last ?? ""):\(event.line)", to: &line)
        for key in fields.keys.sorted() where !Self.reserved.contains(key) {
            line += ","
            Self.appendString(key, to: &line)
            line += ":"
            Self.append(fields[key]!, to: &line)
        }
        line += "}\n"
        self.write(line)
    }

    private static let reserved: Set<String> = ["time", "level", "logger", "message", "source"]

    private static func append(_ value: Logger.Metadata.Value, to line: inout String) {
        switch value {
        case .string(let text): self.appendString(text, to: &line)
        case .stringConvertible(let convertible): self.appendString(convertible.description, to: &line)
        case .array(let values):
            line += "["
            for (index, value) in values.enumerated() {
                if index > 0 { line += "," }
                self.append(value, to: &line)
            }
            line += "]"
        case .dictionary(let entries):
            line += "{"
            for (index, key) in entries.keys.sorted().enumerated() {
                if index > 0 { line += "," }
                self.appendString(key, to: &line)
                line += ":"
                self.append(entries[key]!, to: &line)
            }
            line += "}"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func appendString(_ text: String, to line: inout String) {
        line += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case let control where control.value < 0x20 || control.value == 0x7f:
                line += "\\u" + String(repeating: "0", count: 4 - String(control.value, radix: 16).count) + String(control.value, radix: 16)
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }
}
