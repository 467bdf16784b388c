import GraphQL
import OrderedCollections

/// Appends JSON straight to a byte buffer, in the order the caller writes it.
struct JSONWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        self.bytes.reserveCapacity(capacity)
    }

    mutating func byte(_ byte: UInt8) {
        self.bytes.append(byte)
    }

    mutating func raw(_ text: String) {
        self.bytes.append(contentsOf: text.utf8)
    }

    mutating func raw(_ bytes: [UInt8]) {
        self.bytes.append(contentsOf: bytes)
    }

    mutating func null() {
        self.bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    }

    mutating func bool(_ value: Bool) {
        self.raw(value ? "true" : "false")
    }

    mutating func int(_ value: Int) {
        self.raw(String(value))
    }

    mutating func double(_ value: Double) {
        guard value.isFinite else { return self.null() }
        if value.rounded() == value, abs(value) < 1e15 {
            self.raw(String(Int(value)))
        } else {
            self.raw(value.description)
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func string(_ value: String) {
        self.bytes.append(0x22)
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if runStart < index { self.bytes.append(contentsOf: utf8[runStart..<index]) }
                runStart = index + 1
                switch byte {
                case 0x22: self.bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: self.bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: self.bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: self.bytes.append(contentsOf: [0x5C, 0x72])
                case 0x09: self.bytes.append(contentsOf: [0x5C, 0x74])
                default:
                    self.bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0x0F)]])
                }
            }
            if runStart < utf8.count { self.bytes.append(contentsOf: utf8[runStart..<utf8.count]) }
        }
        self.bytes.append(0x22)
    }

    /// Starts an object member: a comma unless it is the first, then the key and the colon.
    mutating func member(_ key: String, first: inout Bool) {
        if !first { self.byte(UInt8(ascii: ",")) }
        first = false
        self.string(key)
        self.byte(UInt8(ascii: ":"))
    }

    /// `[`, the items written by `write` with commas between, `]`.
    mutating func array<Items: Sequence>(_ items: Items, _ write: (inout JSONWriter, Items.Element) -> Void) {
        self.byte(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { self.byte(UInt8(ascii: ",")) }
            first = false
            write(&self, item)
        }
        self.byte(UInt8(ascii: "]"))
    }

    mutating func leaf(_ value: LeafValue) {
        switch value {
        case .null: self.null()
        case .bool(let bool): self.bool(bool)
        case .int(let int): self.int(int)
        case .float(let double): self.double(double)
        case .string(let string): self.string(string)
        case .json(let text): self.raw(text)
        case .list(let items): self.array(items) { $0.leaf($1) }
        }
    }

    /// A GraphQLSwift value (introspection results, variables echoed in errors).
    mutating func map(_ value: Map) {
        switch value {
        case .undefined, .null: self.null()
        case .bool(let bool): self.bool(bool)
        case .number(let number):
            switch number.storageType {
            case .bool: self.bool(number.boolValue)
            case .int: self.int(number.intValue)
            default: self.double(number.doubleValue)
            }
        case .string(let string): self.string(string)
        case .array(let items):
            self.array(items) { $0.map($1) }
        case .dictionary(let fields):
            self.byte(UInt8(ascii: "{"))
            var first = true
            for (key, item) in fields where item != .undefined {
                self.member(key, first: &first)
                self.map(item)
            }
            self.byte(UInt8(ascii: "}"))
        }
    }
}
