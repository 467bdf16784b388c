import Kernel

/// Why the Catalog context refused a request.
public enum CatalogError: DomainError, Equatable {
    case invalidField(field: String, reason: String)
    case invalidParameter(name: String, reason: String)
    case unknownChannel(String)
    case productNotFound(String)
    case listingNotFound(String)
    /// The product is archived: nothing new maps to it until it is unarchived.
    case productArchived(Int64)

    public var kind: DomainErrorKind {
        switch self {
        case .invalidField, .invalidParameter: .invalidInput
        case .productArchived: .conflict
        case .unknownChannel, .productNotFound, .listingNotFound: .notFound
        }
    }

    public var code: String {
        switch self {
        case .invalidField: "invalid_field"
        case .invalidParameter: "invalid_parameter"
        case .unknownChannel: "unknown_channel"
        case .productNotFound: "product_not_found"
        case .listingNotFound: "listing_not_found"
        case .productArchived: "product_archived"
        }
    }

    public var message: String {
        switch self {
        case .invalidField(let field, let reason): "\(field) \(reason)"
        case .invalidParameter(let name, let reason): "\(name) \(reason)"
        case .unknownChannel(let code): "No channel has the code '\(code.prefix(64))'."
        case .productNotFound(let id): "No product has the id '\(id.prefix(40))'."
        case .listingNotFound(let id): "No listing has the id '\(id.prefix(40))'."
        case .productArchived(let id): "Product \(id) is archived; unarchive it before mapping listings to it."
        }
    }

    public var field: [String]? {
        switch self {
        case .invalidField(let field, _): [field]
        case .invalidParameter(let name, _): [name]
        case .unknownChannel: ["channel"]
        case .productNotFound: ["productId"]
        case .listingNotFound: ["listingId"]
        case .productArchived: ["productId"]
        }
    }
}
