/// Where consents lead: Switchyard's public URL (the providers' callbacks hang off it) and the admin frontend's URL (the
/// seller returns to the instance's page there).
public struct AuthorizationLinks: Sendable, Equatable {
    public let publicURL: String
    public let adminURL: String

    public init(publicURL: String, adminURL: String) {
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.adminURL = adminURL.hasSuffix("/") ? String(adminURL.dropLast()) : adminURL
    }
}
