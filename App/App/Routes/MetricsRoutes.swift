import Hummingbird
import NIOCore
import Prometheus

/// `GET /metrics`: Prometheus text format, behind `METRICS_TOKEN`.
enum MetricsRoutes {
    static func add(to router: Router<AppRequestContext>, registry: PrometheusCollectorRegistry, token: String?) {
        router.group("/metrics").add(middleware: MetricsAuthenticator(token: token)).get { _, _ in
            var bytes: [UInt8] = []
            registry.emit(into: &bytes)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
