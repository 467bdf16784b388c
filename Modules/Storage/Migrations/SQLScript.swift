/// Splits a SQL script into single statements, since the extended query protocol runs one statement at a time.
/// Understands quoted strings, quoted identifiers, dollar-quoted bodies and both comment styles.
public enum SQLScript {
    public static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current: [Character] = []
        let characters = Array(script)
        var index = 0

        func flush() {
            let text = String(current).trimmingWhitespace()
            if !text.isEmpty { statements.append(text) }
            current.removeAll(keepingCapacity: true)
        }

        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "-" where next == "-":
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            case "/" where next == "*":
                var depth = 0
                repeat {
                    if characters[index] == "/", index + 1 < characters.count, characters[index + 1] == "*" {
                        depth += 1
                        index += 2
                    } else if characters[index] == "*", index + 1 < characters.count, characters[index + 1] == "/" {
                        depth -= 1
                        index += 2
                    } else {
                        index += 1
                    }
                } while depth > 0 && index < characters.count
                current.append(" ")
                continue
            case "'", "\"":
                let end = Self.endOfQuoted(characters, from: index, quote: character)
                current.append(contentsOf: characters[index..<end])
                index = end
                continue
            case "$":
                if let tagEnd = Self.dollarTagEnd(characters, from: index) {
                    let tag = Array(characters[index...tagEnd])
                    let end = Self.endOfDollarQuoted(characters, after: tagEnd + 1, tag: tag)
                    current.append(contentsOf: characters[index..<end])
                    index = end
                    continue
                }
            case ";":
                flush()
                index += 1
                continue
            default:
                break
            }
            current.append(character)
            index += 1
        }
        flush()
        return statements
    }

    private static func endOfQuoted(_ characters: [Character], from start: Int, quote: Character) -> Int {
        var index = start + 1
        while index < characters.count {
            if characters[index] == quote {
                if index + 1 < characters.count, characters[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return characters.count
    }

    /// The index of the closing `$` of a tag such as `$$` or `$body$` starting at `start`, if it is one.
    private static func dollarTagEnd(_ characters: [Character], from start: Int) -> Int? {
        var index = start + 1
        while index < characters.count {
            let character = characters[index]
            if character == "$" { return index }
            guard character.isLetter || character == "_" || (character.isNumber && index > start + 1) else { return nil }
            index += 1
        }
        return nil
    }

    private static func endOfDollarQuoted(_ characters: [Character], after start: Int, tag: [Character]) -> Int {
        var index = start
        while index + tag.count <= characters.count {
            if Array(characters[index..<(index + tag.count)]) == tag { return index + tag.count }
            index += 1
        }
        return characters.count
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = self.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
