/// What storing a pulled page of listings did.
public struct ListingIngestion: Sendable, Equatable {
    /// Listings added or changed (a listing delivered again unchanged, or older than what is stored, is neither).
    public let changed: Int
    /// The channel product ids of listings that could not be stored (a value the database refuses, such as a NUL in text).
    public let rejected: [String]

    public init(changed: Int, rejected: [String]) {
        self.changed = changed
        self.rejected = rejected
    }
}
