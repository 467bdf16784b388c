import Kernel

/// Where a provider keeps each part of an address object, so one reader serves every provider. A name may be a path
/// (`contactAddress.city`, `street.0`) and `nameParts` joins first and last names where the provider splits them.
struct AddressFields {
    var name: String? = nil
    var nameParts: [String] = []
    var address1: String
    var address2: String?
    var city: String
    var region: String
    var postal: String
    var country: String
    var phone: String?

    /// The address in `object`; `nil` when it holds none of the parts.
    func read(_ object: JSONValue?, countryCodes: [String: String] = [:]) -> PostalAddress? {
        guard let object else { return nil }
        let text = { (path: String?) in path.flatMap { Self.value(object, at: $0)?.nonEmptyText } }
        let joinedName = self.nameParts.compactMap { text($0) }.joined(separator: " ")
        let country = text(self.country)
        return PostalAddress(
            name: text(self.name) ?? (joinedName.isEmpty ? nil : joinedName), address1: text(self.address1), address2: text(self.address2),
            city: text(self.city), region: text(self.region), postal: text(self.postal),
            country: country.map { countryCodes[$0] ?? $0 }, phone: text(self.phone)
        ).nonEmpty
    }

    private static func value(_ object: JSONValue, at path: String) -> JSONValue? {
        path.split(separator: ".").reduce(object as JSONValue?) { value, key in
            if let index = Int(key) { return value?.arrayValue.flatMap { $0.indices.contains(index) ? $0[index] : nil } }
            return value?[String(key)]
        }
    }
}
