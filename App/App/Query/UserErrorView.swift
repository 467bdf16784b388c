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

    /// A domain error as user errors naming the mutation's own arguments: one per row of the error, at its index in
    /// `list` (`changes.2`, `input.items.1`); else one naming the error's field (after `renamed`) under `argument`, the
    /// list itself when the field is `items`.
    static func all(_ error: any DomainError, argument: [String], list: [String] = ["items"], renamed: [String: String] = [:]) -> [UserErrorView] {
        let code = error.code.uppercased()
        if let rows = error.rows {
            return rows.map { UserErrorView(field: list + [String($0.index)], message: $0.messages.joined(separator: " "), code: code) }
        }
        let field = error.field.map { field in field == ["items"] ? list : argument + field.map { renamed[$0] ?? $0 } }
        return [UserErrorView(field: field, message: error.message, code: code)]
    }

    static func register(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.object("UserError", UserErrorView.self) { type in
            type.field("field") { $0.field.map { .list($0.map(LeafValue.string)) } ?? .null }
            type.field("message") { .string($0.message) }
            type.field("code") { .string($0.code) }
        }
    }
}
