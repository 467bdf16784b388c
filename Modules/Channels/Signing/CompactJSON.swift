import Foundation

/// Re-serializes JSON text the way JavaScript's `JSON.stringify(JSON.parse(text))` does: no insignificant whitespace, keys in
/// received order, strings re-escaped with JavaScript's rules, numbers in JavaScript's shortest form. eBay signs this form
/// of a notification, not the bytes it sends.
enum CompactJSON {
    struct Invalid: Error {}

    static func stringify(_ text: [UInt8]) throws -> [UInt8] {
        var reader = Reader(bytes: text)
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        reader.skipWhitespace()
        try reader.value(into: &output, depth: 0)
        reader.skipWhitespace()
        guard reader.atEnd else { throw Invalid() }
        return output
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { self.index >= self.bytes.count }

        mutating func skipWhitespace() {
            while !self.atEnd, [0x20, 0x09, 0x0A, 0x0D].contains(self.bytes[self.index]) { self.index += 1 }
        }

        mutating func value(into output: inout [UInt8], depth: Int) throws {
            guard !self.atEnd, depth < 512 else { throw Invalid() }
            switch self.bytes[self.index] {
            case UInt8(ascii: "{"): try self.container(close: UInt8(ascii: "}"), keyed: true, into: &output, depth: depth)
            case UInt8(ascii: "["): try self.container(close: UInt8(ascii: "]"), keyed: false, into: &output, depth: depth)
            case UInt8(ascii: "\""): try self.string(into: &output)
            case UInt8(ascii: "t"): try self.literal("true", into: &output)
            case UInt8(ascii: "f"): try self.literal("false", into: &output)
            case UInt8(ascii: "n"): try self.literal("null", into: &output)
            default: try self.number(into: &output)
            }
        }

        mutating func container(close: UInt8, keyed: Bool, into output: inout [UInt8], depth: Int) throws {
            output.append(self.bytes[self.index])
            self.index += 1
            self.skipWhitespace()
            if !self.atEnd, self.bytes[self.index] == close {
                output.append(close)
                self.index += 1
                return
            }
            while true {
                self.skipWhitespace()
                if keyed {
                    guard !self.atEnd, self.bytes[self.index] == UInt8(ascii: "\"") else { throw Invalid() }
                    try self.string(into: &output)
                    self.skipWhitespace()
                    guard !self.atEnd, self.bytes[self.index] == UInt8(ascii: ":") else { throw Invalid() }
                    output.append(UInt8(ascii: ":"))
                    self.index += 1
                    self.skipWhitespace()
                }
                try self.value(into: &output, depth: depth + 1)
                self.skipWhitespace()
                guard !self.atEnd else { throw Invalid() }
                let next = self.bytes[self.index]
                self.index += 1
                if next == close {
                    output.append(close)
                    return
                }
                guard next == UInt8(ascii: ",") else { throw Invalid() }
                output.append(next)
            }
        }

        mutating func literal(_ word: String, into output: inout [UInt8]) throws {
            let expected = Array(word.utf8)
            guard self.index + expected.count <= self.bytes.count,
                Array(self.bytes[self.index..<self.index + expected.count]) == expected
            else { throw Invalid() }
            output.append(contentsOf: expected)
            self.index += expected.count
        }

        mutating func number(into output: inout [UInt8]) throws {
            let start = self.index
            while !self.atEnd, "+-0123456789.eE".utf8.contains(self.bytes[self.index]) { self.index += 1 }
            guard let text = String(bytes: self.bytes[start..<self.index], encoding: .utf8), let value = Double(text), value.isFinite
            else { throw Invalid() }
            output.append(contentsOf: Self.javaScriptNumber(value).utf8)
        }

        /// JavaScript's Number-to-String: integers below 1e21 without a fraction, otherwise the shortest round-trip form
        /// with an exponent written `e-7` / `e+21`.
        static func javaScriptNumber(_ value: Double) -> String {
            if value == 0 { return "0" }
            if value == value.rounded(), abs(value) < 1e21 {
                return abs(value) < 9.2e18 ? String(Int64(value)) : String(format: "%.0f", value)
            }
            let text = value.description
            guard let e = text.firstIndex(of: "e") else { return text }
            let mantissa = text[..<e]
            var exponent = text[text.index(after: e)...]
            let sign: String = exponent.first == "-" ? "-" : "+"
            if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
            let digits = exponent.drop { $0 == "0" }
            return "\(mantissa)e\(sign)\(digits.isEmpty ? "0" : String(digits))"
        }

        mutating func string(into output: inout [UInt8]) throws {
            self.index += 1
            var units: [UInt16] = []
            while true {
                guard !self.atEnd else { throw Invalid() }
                let byte = self.bytes[self.index]
                if byte == UInt8(ascii: "\"") {
                    self.index += 1
                    break
                }
                guard byte >= 0x20 else { throw Invalid() }
                if byte == UInt8(ascii: "\\") {
                    units.append(try self.escape())
                    continue
                }
                let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                guard self.index + length <= self.bytes.count,
                    let scalarText = String(bytes: self.bytes[self.index..<self.index + length], encoding: .utf8)
                else { throw Invalid() }
                units.append(contentsOf: scalarText.utf16)
                self.index += length
            }
            Self.writeJavaScriptString(units, into: &output)
        }

        mutating func escape() throws -> UInt16 {
            guard self.index + 1 < self.bytes.count else { throw Invalid() }
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
                    let text = String(bytes: self.bytes[self.index..<self.index + 4], encoding: .utf8),
                    let unit = UInt16(text, radix: 16)
                else { throw Invalid() }
                self.index += 4
                return unit
            default: throw Invalid()
            }
        }

        /// `JSON.stringify`'s QuoteJSONString over UTF-16 code units: the short escapes, `\u00xx` for other control
        /// characters and lone surrogates, everything else as UTF-8.
        static func writeJavaScriptString(_ units: [UInt16], into output: inout [UInt8]) {
            output.append(UInt8(ascii: "\""))
            var position = 0
            while position < units.count {
                let unit = units[position]
                switch unit {
                case 0x22: output.append(contentsOf: Array("\\\"".utf8))
                case 0x5C: output.append(contentsOf: Array("\\\\".utf8))
                case 0x08: output.append(contentsOf: Array("\\b".utf8))
                case 0x0C: output.append(contentsOf: Array("\\f".utf8))
                case 0x0A: output.append(contentsOf: Array("\\n".utf8))
                case 0x0D: output.append(contentsOf: Array("\\r".utf8))
                case 0x09: output.append(contentsOf: Array("\\t".utf8))
                case 0xD800...0xDBFF where position + 1 < units.count && (0xDC00...0xDFFF).contains(units[position + 1]):
                    output.append(contentsOf: String(decoding: units[position...position + 1], as: UTF16.self).utf8)
                    position += 1
                case 0..<0x20, 0xD800...0xDFFF:
                    output.append(contentsOf: Array("\\u".utf8))
                    let hex = String(unit, radix: 16)
                    output.append(contentsOf: Array((String(repeating: "0", count: 4 - hex.count) + hex).utf8))
                default:
                    output.append(contentsOf: String(decoding: [unit], as: UTF16.self).utf8)
                }
                position += 1
            }
            output.append(UInt8(ascii: "\""))
        }
    }
}
