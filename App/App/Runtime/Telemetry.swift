import Metrics
import Prometheus

/// The process-wide metrics registry; `MetricsSystem` can be bootstrapped once per process.
public enum Telemetry {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
