/// Every object type's resolvers, registered by the application at start-up and checked against the SDL.
public struct SchemaBindings<Context: Sendable>: Sendable {
    struct AnyObject: Sendable {
        let typeName: String
        let swiftType: ObjectIdentifier
        let swiftName: String
        let fields: [String: FieldBinding<Context>]
        let duplicates: [String]
        /// Casts the objects of an abstract field to this type's Swift type; `nil` if one is of another type.
        let makeBatch: @Sendable ([any Sendable]) -> (any ParentBatch)?
    }

    var objects: [String: AnyObject] = [:]
    var registeredTwice: [String] = []

    public init() {}

    /// Registers the resolvers of object type `typeName`, whose parents are `Parent` values.
    public mutating func object<Parent: Sendable>(
        _ typeName: String, _ type: Parent.Type, _ configure: (inout ObjectBinding<Parent, Context>) -> Void
    ) {
        var binding = ObjectBinding<Parent, Context>(typeName: typeName)
        if let existing = self.objects[typeName] {
            guard existing.swiftType == ObjectIdentifier(Parent.self) else {
                self.registeredTwice.append(typeName)
                return
            }
            binding.fields = existing.fields
        }
        configure(&binding)
        self.objects[typeName] = AnyObject(
            typeName: typeName, swiftType: ObjectIdentifier(Parent.self), swiftName: "\(Parent.self)", fields: binding.fields,
            duplicates: binding.duplicates + (self.objects[typeName]?.duplicates ?? []),
            makeBatch: { values in
                var items: [Parent] = []
                items.reserveCapacity(values.count)
                for value in values {
                    guard let item = value as? Parent else { return nil }
                    items.append(item)
                }
                return Batch(items: items)
            })
    }

    /// Registers root fields (`Query`, `Mutation`).
    public mutating func root(_ typeName: String, _ configure: (inout ObjectBinding<RootValue, Context>) -> Void) {
        self.object(typeName, RootValue.self, configure)
    }
}
