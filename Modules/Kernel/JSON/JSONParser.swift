import Foundation
import Kernel

/// Reads JSON text (RFC 8259) into a `JSONValue`, keeping key order and number text.
public enum JSONParser {
    public struct Invalid: Error, Sendable {
        public let offset: Int
    }

    public static func parse(_ bytes: [UInt8]) throws(Invalid) -> JSONValue {
        var reader = Reader(bytes: bytes)
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.atEnd else { throw Invalid(offset: reader.index) }
        return value
    }

    public static func parse(_ text: String) throws(Invalid) -> JSONValue {
        try self.parse(Array(text.utf8))
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { self.index >= self.bytes.count }

        var invalid: Invalid { Invalid(offset: self.index) }

        mutating func skipWhitespace() {
            while !self.atEnd, [0x20, 0x09, 0x0A, 0x0D].contains(self.bytes[self.index]) { self.index += 1 }
        }

        mutating func expect(_ byte: UInt8) throws(Invalid) {
            guard !self.atEnd, self.bytes[self.index] == byte else { throw self.invalid }
            self.index += 1
        }

        mutating func value(depth: Int) throws(Invalid) -> JSONValue {
            guard !self.atEnd, depth < 512 else { throw self.invalid }
            switch self.bytes[self.index] {
            case UInt8(ascii: "{"): return try self.object(depth: depth)
            case UInt8(ascii: "["): return try self.array(depth: depth)
            case UInt8(ascii: "\""): return .string(try self.string())
            case UInt8(ascii: "t"): try self.literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try self.literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try self.literal("null"); return .null
            default: return .number(try self.number())
            }
        }

        mutating func object(depth: Int) throws(Invalid) -> JSONValue {
            self.index += 1
            var members: [(key: String, value: JSONValue)] = []
            self.skipWhitespace()
            if !self.atEnd, self.bytes[self.index] == UInt8(ascii: "}") {
                self.index += 1
                return .object(members)
            }
            while true {
                self.skipWhitespace()
                guard !self.atEnd, self.bytes[self.index] == UInt8(ascii: "\"") else { throw self.invalid }
                let key = try self.string()
                self.skipWhitespace()
                try self.expect(UInt8(ascii: ":"))
                self.skipWhitespace()
                members.append((key, try self.value(depth: depth + 1)))
                if try self.endOfContainer(close: UInt8(ascii: "}")) { return .object(members) }
            }
        }

        mutating func array(depth: Int) throws(Invalid) -> JSONValue {
            self.index += 1
            var items: [JSONValue] = []
            self.skipWhitespace()
            if !self.atEnd, self.bytes[self.index] == UInt8(ascii: "]") {
                self.index += 1
                return .array(items)
            }
            while true {
                self.skipWhitespace()
                items.append(try self.value(depth: depth + 1))
                if try self.endOfContainer(close: UInt8(ascii: "]")) { return .array(items) }
            }
        }

        /// After a member or item: `true` at the closing bracket, `false` after a comma.
        mutating func endOfContainer(close: UInt8) throws(Invalid) -> Bool {
            self.skipWhitespace()
            guard !self.atEnd else { throw self.invalid }
            let next = self.bytes[self.index]
            self.index += 1
            if next == close { return true }
            guard next == UInt8(ascii: ",") else { throw self.invalid }
            return false
        }

        mutating func literal(_ word: String) throws(Invalid) {
            let expected = Array(word.utf8)
            guard self.index + expected.count <= self.bytes.count, self.bytes[self.index..<self.index + expected.count].elementsEqual(expected)
            else { throw self.invalid }
            self.index += expected.count
        }

        /// RFC 8259's number grammar; the text is kept as written.
        mutating func number() throws(Invalid) -> String {
            let start = self.index
            if !self.atEnd, self.bytes[self.index] == UInt8(ascii: "-") { self.index += 1 }
            guard self.digits() > 0 else { throw self.invalid }
            if !self.atEnd, self.bytes[self.index] == UInt8(ascii: ".") {
                self.index += 1
                guard self.digits() > 0 else { throw self.invalid }
            }
            if !self.atEnd, self.bytes[self.index] | 0x20 == UInt8(ascii: "e") {
                self.index += 1
                if !self.atEnd, self.bytes[self.index] == UInt8(ascii: "+") || self.bytes[self.index] == UInt8(ascii: "-") { self.index += 1 }
                guard self.digits() > 0 else { throw self.invalid }
            }
            return String(decoding: self.bytes[start..<self.index], as: UTF8.self)
        }

        mutating func digits() -> Int {
            let start = self.index
            while !self.atEnd, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.index]) { self.index += 1 }
            return self.index - start
        }

        /// A string's UTF-16 code units decoded; a lone surrogate escape becomes U+FFFD.
        mutating func string() throws(Invalid) -> String {
            self.index += 1
            var units: [UInt16] = []
            while true {
                guard !self.atEnd else { throw self.invalid }
                let byte = self.bytes[self.index]
                if byte == UInt8(ascii: "\"") {
                    self.index += 1
                    return String(decoding: units, as: UTF16.self)
                }
                guard byte >= 0x20 else { throw self.invalid }
                if byte == UInt8(ascii: "\\") {
                    units.append(try self.escape())
                    continue
                }
                let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                guard self.index + length <= self.bytes.count,
                    let scalar = String(bytes: self.bytes[self.index..<self.index + length], encoding: .utf8)
                else { throw self.invalid }
                units.append(contentsOf: scalar.utf16)
                self.index += length
            }
        }

        mutating func escape() throws(Invalid) -> UInt16 {
            guard self.index + 1 < self.bytes.count else { throw self.invalid }
            let kind = self.bytes[self.index + 1]
            self.index += 2
            switch kind {
            case UInt8(ascii: "\""): return 0x22
            case UInt8(ascii: "\\"): return 0x5C
            case UInt8(ascii: "/"): return 0x2F
            case UInt8(ascii: "b"): return 0x08
            case UInt8(ascii: "f"): return 0x0C
            case UInt8(ascii: "n"): return 0x0A
            case UInt8(ascii: "r"): return 0x0D
            case UInt8(ascii: "t"): return 0x09
            case UInt8(ascii: "u"):
                guard self.index + 4 <= self.bytes.count,
                    let unit = UInt16(String(decoding: self.bytes[self.index..<self.index + 4], as: UTF8.self), radix: 16)
                else { throw self.invalid }
                self.index += 4
                return unit
            default: throw self.invalid
            }
        }
    }
}
