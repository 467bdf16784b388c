import Kernel
import QueryLanguage

/// A mutation's `userErrors` entry.
struct UserErrorView: Sendable {
    let field: [String]?
    let message: String
    let code: String

    init(field: [String]?, message: String, code: String) {
        self.field = field
        self.message = message
        self.code = code
    }

    /// A domain error as a user error; `field` when the error names none itself.
    init(_ error: any DomainError, field: [String]?) {
        self.init(field: error.field ?? field, message: error.message, code: error.code.uppercased())
    }

    static func register(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.object("UserError", UserErrorView.self) { type in
            type.field("field") { $0.field.map { .list($0.map(LeafValue.string)) } ?? .null }
            type.field("message") { .string($0.message) }
            type.field("code") { .string($0.code) }
        }
    }
}
