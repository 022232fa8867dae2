import ArgumentParser
import BatonModel

/// `baton bench --scenario`: the workloads Baton's figures are measured with, each a BPMN file of
/// this repository with the variables that drive it to its end.
enum BenchScenario: String, ExpressibleByArgument, CaseIterable {
    /// Start → 10 plain tasks → end: 12 steps in one command.
    case chain10
    /// 4 parallel branches of 2 tasks each: 12 steps in one command.
    case parallel
    /// Start → user task → end: the persistent benchmark's unit (two commands).
    case usertask
    /// `processes/benefit-approval.bpmn` along its publish path, handlers stubbed.
    case approval
    /// One signal thrown to `--instances` instances waiting at a signal catch.
    case broadcast

    var file: String {
        switch self {
        case .approval: "processes/benefit-approval.bpmn"
        default: "Benchmarks/processes/\(rawValue).bpmn"
        }
    }

    var startVariables: [String: VariableValue] {
        guard self == .approval else { return [:] }
        // The stubbed version check sets nothing, so the start says there is no conflict.
        return [
            "draftId": .string("D-1"), "submittedBy": .string("sam"), "baseVersion": .string("3"), "aidboxPlanId": .string("gold-ppo"),
            "versionConflict": .boolean(false),
        ]
    }

    var completionVariables: [String: VariableValue] {
        self == .approval ? ["approved": .boolean(true), "comment": .string("benchmark")] : [:]
    }
}
