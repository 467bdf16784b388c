import Kernel

extension SortKey {
    /// The keyset keys of a requested sort: each field's key in order (repeats dropped), ended by the unique `id` key. A sort
    /// on the id itself ends the order where it stands (`key` answers `nil` for it), since later keys could never matter.
    /// Without a sort the id alone orders the list, descending when `newestFirst`.
    public static func keys<Field>(
        for sort: [ListSort<Field>], newestFirst: Bool = true, idColumn: String = "id", key: (Field, _ descending: Bool) -> SortKey?
    ) -> [SortKey] {
        var keys: [SortKey] = []
        var idDescending = sort.first.map { $0.direction == .desc } ?? newestFirst
        for order in sort {
            let descending = order.direction == .desc
            guard let next = key(order.field, descending) else {
                idDescending = descending
                break
            }
            if !keys.contains(where: { $0.column == next.column }) { keys.append(next) }
        }
        keys.append(SortKey(idColumn, .int64, descending: idDescending))
        return keys
    }
}
