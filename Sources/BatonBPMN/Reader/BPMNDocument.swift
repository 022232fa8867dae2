public import BatonModel

/// What reading one BPMN file produced: the model when the XML could be read as BPMN, and every
/// diagnostic found, sorted by position.
public struct BPMNDocument: Sendable {
    public var file: String
    /// Nil when the file is not well-formed XML or not BPMN; present (possibly with errors) otherwise.
    public var definitions: Definitions?
    public var diagnostics: [Diagnostic]

    /// True when the model was read and no diagnostic is an error: the file may be deployed.
    public var isDeployable: Bool {
        guard let definitions, !definitions.executableProcesses.isEmpty else { return false }
        return !diagnostics.hasErrors
    }
}
