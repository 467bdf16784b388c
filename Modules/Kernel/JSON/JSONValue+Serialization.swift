import Foundation
import Kernel

extension JSONValue {
    /// How numbers are written: as received, or as JavaScript's `JSON.stringify` prints them (eBay signs that form).
    public enum NumberForm: Sendable {
        case asWritten
        case javaScript
    }

    /// Compact JSON text (no insignificant whitespace), strings escaped as `JSON.stringify` does.
    public func serialized(numbers: NumberForm = .asWritten) -> [UInt8] {
        var output: [UInt8] = []
        self.write(into: &output, numbers: numbers)
        return output
    }

    private func write(into output: inout [UInt8], numbers: NumberForm) {
        switch self {
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                member.value.write(into: &output, numbers: numbers)
            }
            output.append(UInt8(ascii: "}"))
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                item.write(into: &output, numbers: numbers)
            }
            output.append(UInt8(ascii: "]"))
        case .string(let value): Self.writeString(value, into: &output)
        case .number(let text):
            switch numbers {
            case .asWritten: output.append(contentsOf: text.utf8)
            case .javaScript: output.append(contentsOf: Self.javaScriptNumber(Double(text) ?? 0).utf8)
            }
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        }
    }

    /// `JSON.stringify`'s QuoteJSONString: the short escapes, `\u00xx` for other control characters, everything else as UTF-8.
    private static func writeString(_ value: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case 0x22: output.append(contentsOf: [0x5C, 0x22])
            case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
            case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                output.append(contentsOf: Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8))
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
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
}
