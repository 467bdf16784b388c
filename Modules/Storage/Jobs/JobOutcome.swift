/// How one run of a job ended, as the worker records it.
enum JobOutcome: Sendable {
    case succeeded(ClaimedJob, JobResult)
    case failed(ClaimedJob, error: String, retryInSeconds: Double, permanent: Bool)

    var job: ClaimedJob {
        switch self {
        case .succeeded(let job, _), .failed(let job, _, _, _): job
        }
    }
}
