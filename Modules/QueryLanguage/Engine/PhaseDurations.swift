/// How long each step of one request took (see `QueryEngine.measurePhases`).
public struct PhaseDurations: Sendable {
    public let parse: Duration
    /// Spec validation, with the rules added to GraphQLSwift's.
    public let validate: Duration
    public let plan: Duration
    public let executeAndWrite: Duration
    /// Size of the `data` written.
    public let bytes: Int
}
