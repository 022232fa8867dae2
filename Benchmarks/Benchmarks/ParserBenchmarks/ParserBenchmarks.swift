import BatonBPMN
import Benchmark

/// Read and validate a generated 10,000-element Camunda Modeler file (5,000 flow nodes, 5,000+
/// sequence flows, plus DI): the parse-to-deployable-model path `baton lint` and deployment take.
/// Reports wall-clock per read and throughput in KiB/s of XML.
let benchmarks: @Sendable () -> Void = {
    let file = SyntheticProcess.bpmn(flowNodes: 5_000)
    let throughput = BenchmarkMetric.custom("Parse throughput (KiB/s)", polarity: .prefersLarger, useScalingFactor: false)

    Benchmark(
        "Read and validate 10,000-element BPMN (\(file.count / 1024) KiB)",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, throughput],
            warmupIterations: 2,
            maxDuration: .seconds(10),
            maxIterations: 200
        )
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let clock = ContinuousClock()
            let started = clock.now
            let document = BPMNReader.read(file, file: "bench.bpmn")
            let elapsed = started.duration(to: clock.now)
            precondition(document.isDeployable, "the generated file must read without errors: \(document.diagnostics.prefix(3))")
            blackHole(document)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            benchmark.measurement(throughput, Int(Double(file.count) / 1024 / seconds))
        }
    }
}
