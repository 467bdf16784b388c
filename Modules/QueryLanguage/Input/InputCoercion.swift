import GraphQL
import OrderedCollections

/// Input coercion per the spec's "Coercing Variable Values" and "Coercing Field Arguments" sections.
struct InputCoercion: Sendable {
    let model: TypeModel
    let scalars: [String: CustomScalar]

    struct Failure: Error {
        let message: String
    }

    struct VariableErrors: Error {
        let errors: [QueryError]
    }

    // MARK: Variables (JSON values)

    func coerceVariables(_ definitions: [VariableDefinition], inputs: [String: Map]) -> Result<[String: Map], VariableErrors> {
        var coerced: [String: Map] = [:]
        var errors: [QueryError] = []
        for definition in definitions {
            let name = definition.variable.name.value
            let type = TypeRef(definition.type)
            let locations = [QueryError.SourcePoint(definition.loc)].compactMap { $0 }
            let provided = inputs[name]
            if provided == nil || provided == .undefined {
                if let defaultValue = definition.defaultValue {
                    if let value = self.literal(defaultValue, type: type, variables: [:]) { coerced[name] = value }
                } else if type.isNonNull {
                    errors.append(
                        QueryError(
                            message: "Variable \"$\(name)\" of required type \"\(type)\" was not provided.", locations: locations,
                            code: "BAD_USER_INPUT"))
                }
                continue
            }
            do {
                coerced[name] = try self.coerce(provided ?? .null, type: type, path: "")
            } catch {
                errors.append(
                    QueryError(
                        message: "Variable \"$\(name)\" got invalid value \(Self.describe(provided ?? .null)); \(error.message)",
                        locations: locations, code: "BAD_USER_INPUT"))
            }
        }
        return errors.isEmpty ? .success(coerced) : .failure(VariableErrors(errors: errors))
    }

    private func coerce(_ value: Map, type: TypeRef, path: String) throws(Failure) -> Map {
        let at = path.isEmpty ? "" : " at \"\(path)\""
        switch type {
        case .nonNull(let inner):
            if value == .null { throw Failure(message: "Expected non-nullable type \"\(type)\" not to be null\(at).") }
            return try self.coerce(value, type: inner, path: path)
        case .list(let itemType):
            if value == .null { return .null }
            if case .array(let items) = value {
                var result: [Map] = []
                result.reserveCapacity(items.count)
                for (index, item) in items.enumerated() {
                    result.append(try self.coerce(item, type: itemType, path: "\(path)[\(index)]"))
                }
                return .array(result)
            }
            return .array([try self.coerce(value, type: itemType, path: path)])
        case .named(let name):
            if value == .null { return .null }
            return try self.coerceNamed(value, name: name, path: path, at: at)
        }
    }

    private func coerceNamed(_ value: Map, name: String, path: String, at: String) throws(Failure) -> Map {
        switch self.model.kinds[name] {
        case .scalar:
            guard let coerced = self.scalar(value, name: name) else {
                throw Failure(message: "\(Self.scalarMismatch(name))\(at).")
            }
            return coerced
        case .enumeration:
            guard case .string(let text) = value, self.model.enumValues[name]?.contains(text) == true else {
                throw Failure(message: "Value \(Self.describe(value)) does not exist in \"\(name)\" enum\(at).")
            }
            return value
        case .inputObject:
            guard case .dictionary(let fields) = value, let object = self.model.inputObjects[name] else {
                throw Failure(message: "Expected type \"\(name)\" to be an object\(at).")
            }
            let known = Set(object.fields.map(\.name))
            if let unknown = fields.keys.first(where: { !known.contains($0) }) {
                throw Failure(message: "Field \"\(unknown)\" is not defined by type \"\(name)\"\(at).")
            }
            var result = OrderedDictionary<String, Map>()
            for field in object.fields {
                let fieldPath = path.isEmpty ? field.name : "\(path).\(field.name)"
                if let provided = fields[field.name], provided != .undefined {
                    result[field.name] = try self.coerce(provided, type: field.type, path: fieldPath)
                } else if let defaultValue = field.defaultValue {
                    result[field.name] = defaultValue
                } else if field.type.isNonNull {
                    throw Failure(message: "Field \"\(fieldPath)\" of required type \"\(field.type)\" was not provided.")
                }
            }
            if object.isOneOf {
                let set = result.values.filter { $0 != .null }
                guard result.count == 1, set.count == 1 else {
                    throw Failure(message: "Exactly one key must be specified for OneOf type \"\(name)\"\(at).")
                }
            }
            return .dictionary(result)
        default:
            throw Failure(message: "Unknown type \"\(name)\".")
        }
    }

    // MARK: Scalars

    private func scalar(_ value: Map, name: String) -> Map? {
        switch name {
        case "Int":
            guard case .number(let number) = value, let int = Self.exactInt(number), int >= Int(Int32.min), int <= Int(Int32.max) else {
                return nil
            }
            return .int(int)
        case "Float":
            guard case .number(let number) = value, case let double = number.doubleValue, double.isFinite else { return nil }
            return .double(double)
        case "String":
            guard case .string = value else { return nil }
            return value
        case "Boolean":
            guard case .bool = value else { return nil }
            return value
        case "ID":
            switch value {
            case .string: return value
            case .number(let number): return Self.exactInt(number).map { .string(String($0)) }
            default: return nil
            }
        default:
            return self.scalars[name]?.coerce(value)
        }
    }

    private static func exactInt(_ number: Number) -> Int? {
        let double = number.doubleValue
        guard double.isFinite, double.rounded() == double, abs(double) < 9.0e15 else { return nil }
        return Int(double)
    }

    private static func scalarMismatch(_ name: String) -> String {
        switch name {
        case "Int": "Int cannot represent non-integer or out-of-range value"
        case "Float": "Float cannot represent non numeric value"
        case "String": "String cannot represent a non string value"
        case "Boolean": "Boolean cannot represent a non boolean value"
        case "ID": "ID cannot represent value"
        default: "Expected a valid \(name)"
        }
    }

    /// A short, bounded rendering of a client's value for error messages.
    static func describe(_ value: Map) -> String {
        let text: String
        switch value {
        case .undefined: text = "undefined"
        case .null: text = "null"
        case .bool(let bool): text = String(bool)
        case .number(let number): text = number.description
        case .string(let string): text = "\"\(string)\""
        case .array: text = "[…]"
        case .dictionary: text = "{…}"
        }
        return text.count > 80 ? String(text.prefix(80)) + "…" : text
    }

    // MARK: Literals and arguments (AST values)

    /// Coerces an AST value (a literal that may contain variables) to `type`; `nil` when it is not valid, which
    /// validation rules out for literals but not for variables bound to `null`.
    func literal(_ node: any Value, type: TypeRef, variables: [String: Map]) -> Map? {
        if let variable = node as? Variable {
            let value = variables[variable.name.value] ?? .undefined
            if value == .undefined { return nil }
            if type.isNonNull, value == .null { return nil }
            return value
        }
        switch type {
        case .nonNull(let inner):
            if node is NullValue { return nil }
            return self.literal(node, type: inner, variables: variables)
        case .list(let itemType):
            if node is NullValue { return .null }
            if let list = node as? ListValue {
                var items: [Map] = []
                for item in list.values {
                    if let variable = item as? Variable, (variables[variable.name.value] ?? .undefined) == .undefined {
                        if itemType.isNonNull { return nil }
                        items.append(.null)
                        continue
                    }
                    guard let coerced = self.literal(item, type: itemType, variables: variables) else { return nil }
                    items.append(coerced)
                }
                return .array(items)
            }
            return self.literal(node, type: itemType, variables: variables).map { .array([$0]) }
        case .named(let name):
            if node is NullValue { return .null }
            switch self.model.kinds[name] {
            case .scalar:
                return self.scalar(Self.untyped(node, variables: variables), name: name)
            case .enumeration:
                guard let value = node as? EnumValue, self.model.enumValues[name]?.contains(value.value) == true else { return nil }
                return .string(value.value)
            case .inputObject:
                guard let object = node as? ObjectValue, let definition = self.model.inputObjects[name] else { return nil }
                var result = OrderedDictionary<String, Map>()
                for field in definition.fields {
                    let provided = object.fields.first { $0.name.value == field.name }
                    if let provided, !Self.isMissingVariable(provided.value, variables: variables) {
                        guard let value = self.literal(provided.value, type: field.type, variables: variables) else { return nil }
                        result[field.name] = value
                    } else if let defaultValue = field.defaultValue {
                        result[field.name] = defaultValue
                    } else if field.type.isNonNull {
                        return nil
                    }
                }
                if definition.isOneOf, result.count != 1 || result.values.contains(.null) { return nil }
                return .dictionary(result)
            default:
                return nil
            }
        }
    }

    private static func isMissingVariable(_ node: any Value, variables: [String: Map]) -> Bool {
        guard let variable = node as? Variable else { return false }
        return (variables[variable.name.value] ?? .undefined) == .undefined
    }

    /// A literal as a JSON-like value, for scalars (custom scalars accept objects and lists, e.g. `JSON`).
    private static func untyped(_ node: any Value, variables: [String: Map]) -> Map {
        switch node {
        case let int as IntValue: return Int(int.value).map { .int($0) } ?? .double(Double(int.value) ?? .nan)
        case let float as FloatValue: return .double(Double(float.value) ?? .nan)
        case let string as StringValue: return .string(string.value)
        case let bool as BooleanValue: return .bool(bool.value)
        case let enumeration as EnumValue: return .string(enumeration.value)
        case let list as ListValue: return .array(list.values.map { Self.untyped($0, variables: variables) })
        case let object as ObjectValue:
            return .dictionary(
                OrderedDictionary(uniqueKeysWithValues: object.fields.map { ($0.name.value, Self.untyped($0.value, variables: variables)) }))
        case let variable as Variable: return variables[variable.name.value] ?? .null
        default: return .null
        }
    }

    /// A field's arguments as one dictionary for the resolver's typed decoding.
    func arguments(_ definitions: [TypeModel.Argument], nodes: [GraphQL.Argument], variables: [String: Map], fieldName: String) throws(Failure) -> Map
    {
        var result = OrderedDictionary<String, Map>()
        for definition in definitions {
            let node = nodes.first { $0.name.value == definition.name }
            if let node, !Self.isMissingVariable(node.value, variables: variables) {
                guard let value = self.literal(node.value, type: definition.type, variables: variables) else {
                    throw Failure(message: "Argument \"\(definition.name)\" of \"\(fieldName)\" has an invalid value.")
                }
                result[definition.name] = value
            } else if let defaultValue = definition.defaultValue {
                result[definition.name] = defaultValue
            } else if definition.type.isNonNull {
                throw Failure(message: "Argument \"\(definition.name)\" of required type \"\(definition.type)\" was not provided.")
            }
        }
        return .dictionary(result)
    }
}
