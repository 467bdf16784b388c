/// A lexical pass over a document before it is parsed: counts tokens and bracket nesting, stopping once past the
/// token limit, and finds `\u` escapes that run past the end of their string, so oversized, over-nested or
/// truncated documents are refused before the parser spends time (or its stack) on them.
struct TokenScan {
    private(set) var tokens = 0
    private(set) var deepestNesting = 0
    /// The UTF-8 offset of a `\u` escape not followed by four hex digits.
    private(set) var brokenEscape: Int?

    init(_ text: String, tokenLimit: Int) {
        var utf8 = text.utf8[...]
        var nesting = 0
        func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
        }
        func isHex(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
        }
        while let byte = utf8.first, self.tokens <= tokenLimit {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x2C:
                utf8 = utf8.dropFirst()
            case 0x23:
                utf8 = utf8.drop { $0 != 0x0A && $0 != 0x0D }
            case 0x22:
                self.tokens += 1
                if utf8.starts(with: [0x22, 0x22, 0x22]) {
                    utf8 = utf8.dropFirst(3)
                    while !utf8.isEmpty, !utf8.starts(with: [0x22, 0x22, 0x22]) {
                        utf8 = utf8.starts(with: [0x5C, 0x22, 0x22, 0x22]) ? utf8.dropFirst(4) : utf8.dropFirst()
                    }
                    utf8 = utf8.dropFirst(3)
                } else {
                    utf8 = utf8.dropFirst()
                    while let next = utf8.first, next != 0x22, next != 0x0A, next != 0x0D {
                        if next == 0x5C {
                            let escape = utf8.dropFirst()
                            if escape.first == 0x75, self.brokenEscape == nil, !escape.dropFirst().prefix(4).allSatisfy(isHex) || escape.count < 5 {
                                self.brokenEscape = text.utf8.distance(from: text.utf8.startIndex, to: utf8.startIndex)
                            }
                            utf8 = utf8.dropFirst(2)
                        } else {
                            utf8 = utf8.dropFirst()
                        }
                    }
                    utf8 = utf8.dropFirst()
                }
            case 0x7B, 0x5B, 0x28:
                self.tokens += 1
                nesting += 1
                self.deepestNesting = max(self.deepestNesting, nesting)
                utf8 = utf8.dropFirst()
            case 0x7D, 0x5D, 0x29:
                self.tokens += 1
                nesting -= 1
                utf8 = utf8.dropFirst()
            default:
                self.tokens += 1
                if isNameByte(byte) || byte == 0x2D {
                    utf8 = utf8.dropFirst().drop { isNameByte($0) || $0 == 0x2E || $0 == 0x2B || $0 == 0x2D }
                } else if utf8.starts(with: [0x2E, 0x2E, 0x2E]) {
                    utf8 = utf8.dropFirst(3)
                } else {
                    utf8 = utf8.dropFirst()
                }
            }
        }
    }

    /// Line and column (1-based, in characters) of a UTF-8 offset.
    static func point(of offset: Int, in text: String) -> QueryError.SourcePoint {
        var line = 1
        var column = 1
        var index = text.startIndex
        let target = text.utf8.index(text.utf8.startIndex, offsetBy: min(offset, text.utf8.count))
        while index < target {
            if text[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index = text.index(after: index)
        }
        return QueryError.SourcePoint(line: line, column: column)
    }
}
