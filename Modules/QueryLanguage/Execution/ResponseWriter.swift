/// Writes resolved values as the response's `data`, in selection order, applying null propagation: when a non-null
/// field is null, the nearest nullable ancestor becomes null, and the bytes already written for it are taken back.
struct ResponseWriter {
    var json: JSONWriter
    private(set) var errors: [QueryError] = []
    private var path: [QueryError.PathElement] = []
    init(capacity: Int) {
        self.json = JSONWriter(capacity: capacity)
    }

    /// Writes the root object; `false` when it became null.
    mutating func writeRoot(_ root: ResolvedObjects) -> Bool {
        let start = self.json.bytes.count
        if self.writeObject(root, index: 0) { return true }
        self.json.bytes.removeSubrange(start...)
        self.json.null()
        return false
    }

    /// Writes one object; `false` when a non-null field of it was null, so the object itself must be null.
    private mutating func writeObject(_ objects: ResolvedObjects, index: Int) -> Bool {
        self.json.byte(UInt8(ascii: "{"))
        for (position, field) in objects.plan.fields.enumerated() {
            if position > 0 { self.json.byte(UInt8(ascii: ",")) }
            self.json.raw(field.keyJSON)
            let column = objects.columns[position]
            // The common case, a present scalar, needs no path (only errors carry one).
            if case .leaves(let values) = column {
                switch values[index] {
                case .null, .list: break
                case let value:
                    self.json.leaf(value)
                    continue
                }
            }
            self.path.append(.key(field.responseKey))
            let written = self.writeField(field, column: column, typeName: objects.plan.typeName, index: index)
            self.path.removeLast()
            if !written { return false }
        }
        self.json.byte(UInt8(ascii: "}"))
        return true
    }

    private mutating func writeField(_ field: FieldPlan, column: ResolvedObjects.Column, typeName: String, index: Int) -> Bool {
        switch column {
        case .typename:
            self.json.string(typeName)
            return true
        case .failed(let error):
            self.errors.append(QueryError(message: error.message, locations: field.location.map { [$0] } ?? [], path: self.path, code: error.code))
            return self.writeNull(field, type: field.type, reported: true)
        case .leaves(let values):
            return self.writeLeaf(values[index], field: field, type: field.type)
        case .objects(let entries, let groups, let groupTypes):
            switch entries[index] {
            case .null:
                return self.writeNull(field, type: field.type, reported: false)
            case .one(let slot):
                return self.writeChild(slot, field: field, type: field.type, groups: groups, groupTypes: groupTypes)
            case .many(let slots):
                let start = self.json.bytes.count
                self.json.byte(UInt8(ascii: "["))
                let itemType: TypeRef
                if case .list(let item) = field.type.nullable { itemType = item } else { itemType = field.type.nullable }
                for (position, slot) in slots.enumerated() {
                    if position > 0 { self.json.byte(UInt8(ascii: ",")) }
                    self.path.append(.index(position))
                    let written = self.writeChild(slot, field: field, type: itemType, groups: groups, groupTypes: groupTypes)
                    self.path.removeLast()
                    if !written {
                        self.json.bytes.removeSubrange(start...)
                        return self.writeNull(field, type: field.type, reported: true)
                    }
                }
                self.json.byte(UInt8(ascii: "]"))
                return true
            }
        }
    }

    private mutating func writeChild(_ slot: ChildSlot, field: FieldPlan, type: TypeRef, groups: [ResolvedObjects?], groupTypes: [String]) -> Bool {
        guard slot.group >= 0 else { return self.writeNull(field, type: type, reported: false) }
        guard let objects = groups[Int(slot.group)] else {
            self.errors.append(
                QueryError(
                    message:
                        "Abstract type \"\(field.type.namedType)\" was resolved to type \"\(groupTypes[Int(slot.group)])\", which it cannot hold.",
                    locations: field.location.map { [$0] } ?? [], path: self.path, code: "INTERNAL_SERVER_ERROR"))
            return self.writeNull(field, type: type, reported: true)
        }
        let start = self.json.bytes.count
        if self.writeObject(objects, index: Int(slot.index)) { return true }
        self.json.bytes.removeSubrange(start...)
        return self.writeNull(field, type: type, reported: true)
    }

    private mutating func writeLeaf(_ value: LeafValue, field: FieldPlan, type: TypeRef) -> Bool {
        switch value {
        case .null:
            return self.writeNull(field, type: type, reported: false)
        case .list(let items):
            guard case .list(let itemType) = type.nullable else {
                self.json.leaf(value)
                return true
            }
            let start = self.json.bytes.count
            self.json.byte(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { self.json.byte(UInt8(ascii: ",")) }
                self.path.append(.index(position))
                let written = self.writeLeaf(item, field: field, type: itemType)
                self.path.removeLast()
                if !written {
                    self.json.bytes.removeSubrange(start...)
                    return self.writeNull(field, type: type, reported: true)
                }
            }
            self.json.byte(UInt8(ascii: "]"))
            return true
        default:
            self.json.leaf(value)
            return true
        }
    }

    /// Writes `null` where `type` allows it; otherwise reports the violation (unless an error at or below this path was
    /// already reported) and tells the caller to null its parent.
    private mutating func writeNull(_ field: FieldPlan, type: TypeRef, reported: Bool) -> Bool {
        guard type.isNonNull else {
            self.json.null()
            return true
        }
        if !reported {
            self.errors.append(
                QueryError(
                    message: "Cannot return null for non-nullable field \(field.parentType).\(field.fieldName).",
                    locations: field.location.map { [$0] } ?? [], path: self.path, code: "INTERNAL_SERVER_ERROR"))
        }
        return false
    }
}
