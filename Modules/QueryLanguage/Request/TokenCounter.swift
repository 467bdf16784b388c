/// Counts a document's lexical tokens without parsing it, stopping once past `limit`, so an oversized document is
/// refused before the parser spends time on it.
enum TokenCounter {
    static func count(_ text: String, limit: Int) -> Int {
        var count = 0
        var utf8 = text.utf8[...]
        func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
        }
        while let byte = utf8.first, count <= limit {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x2C, 0xEF, 0xBB, 0xBF:
                utf8 = utf8.dropFirst()
            case 0x23:
                utf8 = utf8.drop { $0 != 0x0A && $0 != 0x0D }
            case 0x22:
                count += 1
                if utf8.starts(with: [0x22, 0x22, 0x22]) {
                    utf8 = utf8.dropFirst(3)
                    while !utf8.isEmpty, !utf8.starts(with: [0x22, 0x22, 0x22]) {
                        utf8 = utf8.starts(with: [0x5C, 0x22, 0x22, 0x22]) ? utf8.dropFirst(4) : utf8.dropFirst()
                    }
                    utf8 = utf8.dropFirst(3)
                } else {
                    utf8 = utf8.dropFirst()
                    while let next = utf8.first, next != 0x22, next != 0x0A, next != 0x0D {
                        utf8 = utf8.dropFirst(next == 0x5C ? 2 : 1)
                    }
                    utf8 = utf8.dropFirst()
                }
            default:
                count += 1
                if isNameByte(byte) || byte == 0x2D {
                    utf8 = utf8.dropFirst().drop { isNameByte($0) || $0 == 0x2E || $0 == 0x2B || $0 == 0x2D }
                } else if utf8.starts(with: [0x2E, 0x2E, 0x2E]) {
                    utf8 = utf8.dropFirst(3)
                } else {
                    utf8 = utf8.dropFirst()
                }
            }
        }
        return count
    }
}
