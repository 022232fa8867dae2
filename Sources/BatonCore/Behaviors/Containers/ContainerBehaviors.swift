import BatonModel

/// Embedded subprocesses and event subprocesses.
///
/// - Activate (embedded): opens the listeners of its event subprocesses, then activates its none
///   start event inside it.
/// - Activate (event subprocess): it was triggered by its start event's error, message or timer;
///   activates that start event as triggered.
/// - Complete: when nothing runs inside it any more (``StepRun/scopeMayComplete(_:)``).
/// - Terminate: everything inside first.
enum SubProcessBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        // A transaction runs as an embedded subprocess; its cancel end event is what differs.
        guard case .subProcess(let sub) = node.kind, sub.variant == .embedded || sub.variant == .transaction, let layout = node.layout else {
            throw Rejection(.executionFailed, "Expected an embedded or event subprocess or a transaction, but '\(node.id)' is a \(node.kind.elementName).")
        }
        try run.openEventSubProcessListeners(in: key)
        let start = sub.triggeredByEvent ? layout.startEvents.first : layout.noneStart
        guard let start else {
            throw Rejection(.executionFailed, "Expected subprocess '\(node.id)' to have a start event, but it has none.")
        }
        run.schedule(.activate(node: start, scope: key, loopCounter: nil, triggered: sub.triggeredByEvent))
    }
}

/// Call activities: run another process and wait for it.
///
/// - Activate: evaluates `calledElement`, the business key and the `camunda:in` mappings, and asks
///   the runtime to start the called process (binding: latest, deployment, version, versionTag).
/// - Complete: when the called instance ends; its variables come back through `camunda:out`.
/// - Terminate: the runtime cancels the called instance.
enum CallActivityBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        guard case .callActivity(let call) = node.kind, let calledElement = call.calledElement else {
            throw Rejection(.executionFailed, "Expected call activity '\(node.id)' to name the process it calls, but it does not.")
        }
        let what = "call activity '\(node.id)'"
        let processKey = ExpressionEvaluator.text(try run.evaluate(calledElement, at: key, what: "the calledElement of \(what)"))
        let variables = try run.mappedVariables(call.inputs, from: key, what: what)
        let businessKey = try call.businessKey.map { template throws(Rejection) in
            ExpressionEvaluator.text(try run.evaluate(template, at: key, what: "the business key of \(what)"))
        }
        run.emit(
            .childInstanceRequested(
                ChildInstanceRequest(
                    elementKey: key, childInstanceID: run.newID(), processKey: processKey, binding: call.binding,
                    version: call.version, versionTag: call.versionTag, businessKey: businessKey, variables: variables)))
    }
}

/// The body of a multi-instance activity, parallel or sequential, or of a standard loop (a
/// sequential body that runs another iteration while its loop condition holds, up to its
/// maximum; with `testBefore` the condition is checked before the first too).
///
/// - Start: resolves the instances (`loopCardinality`, or one per item of `camunda:collection`),
///   sets `nrOfInstances`, `nrOfActiveInstances` and `nrOfCompletedInstances` on the body, and
///   activates the inner instances (all, or the first) with `loopCounter` and the
///   `camunda:elementVariable` as local variables. Parallel instances start one after another,
///   each once the one before has come to rest, as in Camunda: instances that complete at once
///   all run, and a completion condition stops the rest. With no instance it completes at once.
/// - Inner instance completed: updates the counters; when `completionCondition` holds the other
///   inner instances are terminated and the body completes; a sequential body starts the next.
/// - Complete: the body leaves by the activity's outgoing flows.
enum MultiInstanceBodyBehavior {
    static func start(_ run: inout StepRun, body: ElementKey, loop: MultiInstanceLoop) throws(Rejection) {
        if let standard = loop.standard {
            run.emit(.variableSet(scope: body, name: "nrOfCompletedInstances", value: .integer(0)))
            let skipped = standard.maximum == 0 ? true : standard.testBefore ? !(try loopContinues(&run, body: body, standard)) : false
            if skipped {
                try run.complete(body)
            } else {
                try startInner(&run, body: body, loop: loop, counter: 0, items: nil)
            }
            return
        }
        let items = try resolveItems(&run, body: body, loop: loop)
        let count: Int
        if let items { count = items.count } else { count = try cardinality(&run, body: body, loop: loop) }
        // Each instance takes at least one step: more than a command may take cannot finish.
        guard count <= run.context.limits.maximumStepsPerCommand else {
            throw Rejection(
                .executionFailed,
                "Expected \(run.describe(run.state.element(body)!.node)) to run at most \(run.context.limits.maximumStepsPerCommand) instances, but it asks for \(count).")
        }
        run.emit(.variableSet(scope: body, name: "nrOfInstances", value: .integer(Int32(clamping: count))))
        run.emit(.variableSet(scope: body, name: "nrOfActiveInstances", value: .integer(Int32(clamping: loop.isSequential ? min(1, count) : count))))
        run.emit(.variableSet(scope: body, name: "nrOfCompletedInstances", value: .integer(0)))
        guard count > 0 else {
            try run.complete(body)
            return
        }
        for counter in 0..<(loop.isSequential ? 1 : count) {
            try startInner(&run, body: body, loop: loop, counter: counter, items: items)
        }
    }

    static func innerCompleted(_ run: inout StepRun, body: ElementKey) throws(Rejection) {
        guard let element = run.state.element(body), let loop = run.process.nodes[element.node].details.multiInstance else { return }
        if let standard = loop.standard {
            let completed = integer(run.state.variable("nrOfCompletedInstances", from: body)) + 1
            run.emit(.variableSet(scope: body, name: "nrOfCompletedInstances", value: .integer(Int32(clamping: completed))))
            let again = standard.maximum.map { completed < $0 } ?? true ? try loopContinues(&run, body: body, standard) : false
            if again {
                try startInner(&run, body: body, loop: loop, counter: completed, items: nil)
            } else {
                try run.complete(body)
            }
            return
        }
        let total = integer(run.state.variable("nrOfInstances", from: body))
        let completed = integer(run.state.variable("nrOfCompletedInstances", from: body)) + 1
        // Counted, not derived from the children: a parallel body's later instances may not have
        // started yet.
        let active = max(0, integer(run.state.variable("nrOfActiveInstances", from: body)) - 1)
        run.emit(.variableSet(scope: body, name: "nrOfCompletedInstances", value: .integer(Int32(clamping: completed))))
        run.emit(.variableSet(scope: body, name: "nrOfActiveInstances", value: .integer(Int32(clamping: active))))
        if let condition = loop.completionCondition {
            let done = try run.evaluate(condition, at: body, what: "the completion condition of \(run.describe(element.node))")
            if done == .boolean(true) {
                for inner in run.state.children(of: body).reversed() { try run.terminate(inner.key) }
                try run.complete(body)
                return
            }
        }
        if loop.isSequential, completed < total {
            let items = try resolveItems(&run, body: body, loop: loop)
            run.emit(.variableSet(scope: body, name: "nrOfActiveInstances", value: .integer(1)))
            try startInner(&run, body: body, loop: loop, counter: completed, items: items)
        } else if completed >= total {
            try run.complete(body)
        }
    }

    private static func startInner(_ run: inout StepRun, body: ElementKey, loop: MultiInstanceLoop, counter: Int, items: [VariableValue]?) throws(Rejection) {
        guard let element = run.state.element(body) else { return }
        var locals: [String: VariableValue] = ["loopCounter": .integer(Int32(clamping: counter))]
        if let name = loop.elementVariable, let items, counter < items.count { locals[name] = items[counter] }
        let work = StepRun.Work.activate(node: element.node, scope: body, loopCounter: counter, triggered: false, locals: locals)
        if loop.isSequential || counter == 0 { run.schedule(work) } else { run.scheduleInnerInstance(work) }
    }

    /// Whether a standard loop runs (again): its condition holds, or it has none (then only its
    /// maximum ends it).
    private static func loopContinues(_ run: inout StepRun, body: ElementKey, _ standard: StandardLoop) throws(Rejection) -> Bool {
        guard let condition = standard.condition else { return true }
        let element = run.describe(run.state.element(body)!.node)
        let value = try run.evaluate(condition, at: body, what: "the loop condition of \(element)")
        guard case .boolean(let holds) = value else {
            throw Rejection(.executionFailed, "Expected the loop condition of \(element) to be true or false, but it is a \(value.typeName).")
        }
        return holds
    }

    /// The collection's items, when the loop runs over a collection. `camunda:collection` may name
    /// a variable (`documents`) or be an expression (`${plan.documents}`).
    private static func resolveItems(_ run: inout StepRun, body: ElementKey, loop: MultiInstanceLoop) throws(Rejection) -> [VariableValue]? {
        guard let collection = loop.collection else { return nil }
        let element = run.describe(run.state.element(body)!.node)
        let value: VariableValue
        if collection.isLiteral {
            guard let variable = run.state.variable(collection.source, from: body) else {
                throw Rejection(.executionFailed, "Expected variable '\(collection.source)' to hold the collection of \(element), but it is not set.")
            }
            value = variable
        } else {
            value = try run.evaluate(collection, at: body, what: "the collection of \(element)")
        }
        switch value {
        case .json(.array(let items)), .object(.array(let items), _): return items.map(VariableValue.init)
        case .null: return []
        default:
            throw Rejection(.executionFailed, "Expected the collection of \(element) to be a list, but it is a \(value.typeName).")
        }
    }

    private static func cardinality(_ run: inout StepRun, body: ElementKey, loop: MultiInstanceLoop) throws(Rejection) -> Int {
        guard let template = loop.loopCardinality else { return 0 }
        let element = run.describe(run.state.element(body)!.node)
        let value = try run.evaluate(template, at: body, what: "the loop cardinality of \(element)")
        guard let count = ExpressionEvaluator.wholeNumber(value), count >= 0 else {
            throw Rejection(.executionFailed, "Expected the loop cardinality of \(element) to be a whole number of zero or more, but it is '\(ExpressionEvaluator.text(value))'.")
        }
        return count
    }

    private static func integer(_ value: VariableValue?) -> Int {
        switch value {
        case .integer(let i)?: Int(i)
        case .long(let l)?: Int(clamping: l)
        default: 0
        }
    }
}
