import BatonEngine
import BatonModel
import Prometheus
import Synchronization

/// Gauges per process definition key, refreshed from the query side each time `/metrics` is
/// scraped: running instances, open incidents, and the age of the oldest running instance (0
/// when none runs). A key none of whose definitions is deployed any more leaves the registry.
final class DefinitionGauges: Sendable {
    // Computed: the descriptor type is not Sendable, so it cannot be a stored static.
    private static var running: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "baton_process_instances_running", unitName: "", helpText: "Running process instances of the definition key")
    }
    private static var incidents: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "baton_incidents_open", unitName: "", helpText: "Open incidents of the definition key's instances")
    }
    private static var oldest: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "baton_process_instance_oldest_running_age", unitName: "seconds",
            helpText: "How long the definition key's oldest running instance has been running")
    }

    private let registry: PrometheusCollectorRegistry
    private let keys = Mutex<Set<String>>([])

    init(registry: PrometheusCollectorRegistry) { self.registry = registry }

    func refresh(from runtime: Runtime) async throws {
        let definitions = try await runtime.definitionReferences()
        let keyOf = Dictionary(definitions.map { ($0.id, $0.key) }, uniquingKeysWith: { first, _ in first })
        var running: [String: Int] = [:], incidents: [String: Int] = [:]
        for statistics in try await runtime.definitionStatistics() {
            guard let key = keyOf[statistics.definitionID] else { continue }
            running[key, default: 0] += statistics.runningInstances
            incidents[key, default: 0] += statistics.openIncidents.reduce(0) { $0 + $1.count }
        }
        let now = runtime.clock.now()
        let current = Set(keyOf.values)
        for key in current.sorted() {
            let first = ProcessInstanceQuery(processDefinitionKey: key, sorting: [Sorting(.startTime), Sorting(.instanceId)])
            let oldest = try await runtime.instances(first, page: Page(firstResult: 0, maxResults: 1)).first
            gauge(Self.running, key).set(Int64(running[key] ?? 0))
            gauge(Self.incidents, key).set(Int64(incidents[key] ?? 0))
            gauge(Self.oldest, key).set(oldest.map { Double(now.millisecondsSinceEpoch - $0.startedAt.millisecondsSinceEpoch) / 1000 } ?? 0)
        }
        let gone = keys.withLock { known in
            defer { known = current }
            return known.subtracting(current)
        }
        for key in gone {
            for descriptor in [Self.running, Self.incidents, Self.oldest] { registry.unregisterGauge(gauge(descriptor, key)) }
        }
    }

    private func gauge(_ descriptor: MetricNameDescriptor, _ key: String) -> Gauge {
        registry.makeGauge(descriptor: descriptor, labels: [("process_definition_key", key)])
    }
}
