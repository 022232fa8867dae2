/// How a service, send or business-rule task does its work, from its Camunda attributes.
public enum ServiceImplementation: Hashable, Sendable {
    /// `camunda:expression="${…}"`, with an optional `camunda:resultVariable`.
    case expression(Template, resultVariable: String?)
    /// `camunda:delegateExpression="${name}"`: a handler registered in the runtime under `name`.
    case delegateExpression(Template)
    /// `camunda:class="…"`: bound by name to a registered handler.
    case className(String)
    /// `camunda:type="external"` + `camunda:topic`: waits for an external worker. `priority` is
    /// its `camunda:taskPriority`, or its process's (nil: Camunda's default, 0).
    case external(topic: Template, priority: Template? = nil)
    /// `camunda:decisionRef`: a DMN decision (business-rule tasks only).
    case decision(ref: String)
    /// A `camunda:connector` extension.
    case connector(id: String?)
    /// None of the above was given.
    case none
}

/// A `scriptTask`: its language and source.
public struct ScriptDefinition: Hashable, Sendable {
    /// `scriptFormat` as written (`juel`, `groovy`, `javascript`…).
    public var format: String?
    public var source: String?
    public var resultVariable: String?
    /// The parsed body when the format is `juel` or `expression`.
    public var expression: Template?

    public init(format: String?, source: String?, resultVariable: String?, expression: Template?) {
        self.format = format
        self.source = source
        self.resultVariable = resultVariable
        self.expression = expression
    }
}

/// A `callActivity`: which process it starts and which variables cross over.
public struct CallActivityDefinition: Hashable, Sendable {
    public enum Binding: String, Hashable, Sendable {
        case latest, deployment, version, versionTag
    }

    public var calledElement: Template?
    public var binding: Binding = .latest
    public var version: String?
    public var versionTag: String?
    public var businessKey: Template?
    /// `camunda:in`, parent to child.
    public var inputs: [VariableMapping] = []
    /// `camunda:out`, child to parent.
    public var outputs: [VariableMapping] = []

    public init(calledElement: Template?) { self.calledElement = calledElement }
}

/// A `camunda:in` / `camunda:out` mapping of a call activity.
public struct VariableMapping: Hashable, Sendable {
    public var source: String?
    public var sourceExpression: Template?
    public var target: String?
    /// `variables="all"`
    public var allVariables: Bool
    public var local: Bool

    public init(source: String?, sourceExpression: Template?, target: String?, allVariables: Bool, local: Bool) {
        self.source = source
        self.sourceExpression = sourceExpression
        self.target = target
        self.allVariables = allVariables
        self.local = local
    }
}

/// `multiInstanceLoopCharacteristics`: run an activity once per item or a fixed number of times.
public struct MultiInstanceLoop: Hashable, Sendable {
    public var isSequential: Bool
    public var loopCardinality: Template?
    /// `camunda:collection`: a variable name or an expression giving a list.
    public var collection: Template?
    public var elementVariable: String?
    public var completionCondition: Template?
    /// `camunda:asyncBefore` / `asyncAfter` on the multi-instance body.
    public var continuation = AsyncContinuation()
    /// Set when this is BPMN's `standardLoopCharacteristics` rather than a multi-instance: a
    /// sequential loop whose number of iterations its condition decides.
    public var standard: StandardLoop?
    public var line: Int

    public init(isSequential: Bool, line: Int) {
        self.isSequential = isSequential
        self.line = line
    }
}

/// `standardLoopCharacteristics` (BPMN 2.0's while/do-while loop, which Camunda 7 refuses): the
/// activity runs again while `condition` holds, evaluated after each iteration, and before the
/// first too when `testBefore`; at most `maximum` times.
public struct StandardLoop: Hashable, Sendable {
    public var condition: Template?
    public var testBefore: Bool
    public var maximum: Int?

    public init(condition: Template?, testBefore: Bool, maximum: Int?) {
        self.condition = condition
        self.testBefore = testBefore
        self.maximum = maximum
    }
}
