import Hummingbird
import Kernel

/// `GET /api/v1/health`: liveness, without credentials.
enum HealthRoutes {
    struct Health: Encodable {
        let status: String
        let time: String
    }

    static func add(to router: Router<AppRequestContext>, clock: any WallClock) {
        router.get("/api/v1/health") { _, _ in
            try Response.json(Health(status: "ok", time: ISO8601.string(from: clock.now())))
        }
    }
}
