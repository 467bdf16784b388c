/// Where a channel listing stands, whatever the channel calls it (seed `001_…` `/api/v1/skus` `status`).
public enum CanonicalListingStatus: String, Sendable, Codable, CaseIterable {
    case active
    case inactive
    case archived
    case retired
    case unpublished
    case draft
}
