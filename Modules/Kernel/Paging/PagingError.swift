/// Why a page request was refused.
public enum PagingError: DomainError, Equatable {
    case invalidCursor(String)
    case sizeOutOfRange(argument: String, value: Int)
    case mixedDirections

    public var kind: DomainErrorKind { .invalidInput }

    public var code: String {
        switch self {
        case .invalidCursor: "invalid_cursor"
        case .sizeOutOfRange: "page_size_out_of_range"
        case .mixedDirections: "mixed_page_directions"
        }
    }

    public var message: String {
        switch self {
        case .invalidCursor(let text):
            "The cursor '\(text.prefix(64))' was not issued by this server."
        case .sizeOutOfRange(let argument, let value):
            "\(argument) must be between 1 and \(PageRequest.maximumSize); got \(value)."
        case .mixedDirections:
            "Use first/after or last/before, not both."
        }
    }

    public var field: [String]? {
        switch self {
        case .invalidCursor: ["cursor"]
        case .sizeOutOfRange(let argument, _): [argument]
        case .mixedDirections: nil
        }
    }
}
