/// `camunda:inputOutput`: local variables created when an activity starts and variables written
/// back when it ends.
public struct InputOutputMapping: Hashable, Sendable {
    public var inputs: [Parameter] = []
    public var outputs: [Parameter] = []

    public init() {}

    public var isEmpty: Bool { inputs.isEmpty && outputs.isEmpty }
}

/// A `camunda:inputParameter` or `camunda:outputParameter`.
public struct Parameter: Hashable, Sendable {
    public var name: String
    public var value: ParameterValue

    public init(name: String, value: ParameterValue) {
        self.name = name
        self.value = value
    }
}

/// The value of a parameter: text (with `${…}`), a list, a map, or a script.
public indirect enum ParameterValue: Hashable, Sendable {
    /// An empty parameter element: the variable is set to null.
    case null
    case text(Template)
    case list([ParameterValue])
    case map([Entry])
    case script(format: String?, source: String, expression: Template?)

    public struct Entry: Hashable, Sendable {
        /// The key as written.
        public var key: String
        /// The key when it holds `${…}`, resolved when the map is built.
        public var keyExpression: Template?
        public var value: ParameterValue
        public init(key: String, keyExpression: Template? = nil, value: ParameterValue) {
            self.key = key
            self.keyExpression = keyExpression
            self.value = value
        }
    }
}
