/// The values of one field for every parent of a batch, aligned with the parents.
enum FieldColumn: Sendable {
    case leaves([LeafValue])
    case objects(entries: [ChildEntry], groups: [ChildGroup])
}

/// Where a parent's child objects sit in the child groups.
enum ChildEntry: Sendable {
    case null
    case one(ChildSlot)
    case many([ChildSlot])
}

/// One child object: the group (concrete type) and its index there; `group == -1` is a null item of a list.
struct ChildSlot: Sendable {
    static let null = ChildSlot(group: -1, index: -1)
    let group: Int32
    let index: Int32
}

/// Child objects of one concrete type; `typeName == nil` when the field's own type is that object type.
struct ChildGroup: Sendable {
    let typeName: String?
    let values: ChildValues
}

enum ChildValues: Sendable {
    /// Objects of the Swift type bound to the group's GraphQL type.
    case typed(any ParentBatch)
    /// Objects of an abstract field, cast to their binding's Swift type by the executor.
    case untyped([any Sendable])
}

extension FieldColumn {
    static func objects<Child: Sendable>(single values: [Child?]) -> FieldColumn {
        var children: [Child] = []
        children.reserveCapacity(values.count)
        var entries: [ChildEntry] = []
        entries.reserveCapacity(values.count)
        for value in values {
            if let value {
                entries.append(.one(ChildSlot(group: 0, index: Int32(children.count))))
                children.append(value)
            } else {
                entries.append(.null)
            }
        }
        return .objects(entries: entries, groups: [ChildGroup(typeName: nil, values: .typed(Batch(items: children)))])
    }

    static func objects<Child: Sendable>(lists values: [[Child?]?]) -> FieldColumn {
        var children: [Child] = []
        var entries: [ChildEntry] = []
        entries.reserveCapacity(values.count)
        for list in values {
            guard let list else {
                entries.append(.null)
                continue
            }
            var slots: [ChildSlot] = []
            slots.reserveCapacity(list.count)
            for value in list {
                if let value {
                    slots.append(ChildSlot(group: 0, index: Int32(children.count)))
                    children.append(value)
                } else {
                    slots.append(.null)
                }
            }
            entries.append(.many(slots))
        }
        return .objects(entries: entries, groups: [ChildGroup(typeName: nil, values: .typed(Batch(items: children)))])
    }

    static func objects(typed values: [[TypedObject?]?], single: Bool) -> FieldColumn {
        var groupIndex: [String: Int] = [:]
        var groups: [(String, [any Sendable])] = []
        var entries: [ChildEntry] = []
        entries.reserveCapacity(values.count)
        func slot(for object: TypedObject?) -> ChildSlot {
            guard let object else { return .null }
            let group: Int
            if let known = groupIndex[object.typeName] {
                group = known
            } else {
                group = groups.count
                groupIndex[object.typeName] = group
                groups.append((object.typeName, []))
            }
            groups[group].1.append(object.value)
            return ChildSlot(group: Int32(group), index: Int32(groups[group].1.count - 1))
        }
        for list in values {
            guard let list else {
                entries.append(.null)
                continue
            }
            if single {
                let child = slot(for: list.first ?? nil)
                entries.append(child.group < 0 ? .null : .one(child))
            } else {
                entries.append(.many(list.map(slot(for:))))
            }
        }
        return .objects(entries: entries, groups: groups.map { ChildGroup(typeName: $0.0, values: .untyped($0.1)) })
    }
}
