import BatonModel

/// The deterministic executor: given a process, an instance's state and one command, it returns
/// the next state and the events that led there, or a rejection. Pure and synchronous: no clock,
/// no randomness, no I/O, no logging; time and ids come in through ``StepContext``.
public enum Executor {
    /// Decides `command` against `state`.
    ///
    /// When the job worker's execution of a job fails (an expression cannot be evaluated, no
    /// gateway flow holds), the job's work is not half-applied: the command is decided again as a
    /// failure of that job, which retries later or raises an incident. Any other command that
    /// fails is rejected, so the caller (a user completing a task, a worker completing its
    /// external task) learns of it and nothing changes.
    public static func step(
        _ process: ExecutableProcess, _ state: InstanceState, _ command: Command, _ context: StepContext
    ) -> Result<Transition, Rejection> {
        var run = StepRun(process: process, state: state, context: context)
        do {
            try run.handle(command)
            try run.drain()
            return .success(Transition(state: run.state, events: run.events))
        } catch {
            guard error.kind == .executionFailed, let jobID = command.jobID, state.job(jobID) != nil else {
                return .failure(error)
            }
            var failure = StepRun(process: process, state: state, context: context)
            do {
                try failure.failJob(jobID, error: error.message, retries: nil, retryAt: nil)
                return .success(Transition(state: failure.state, events: failure.events))
            } catch {
                return .failure(error)
            }
        }
    }
}

extension Command {
    /// The job the job worker is executing, when this command is that execution.
    var jobID: String? {
        if case .executeJob(let id) = self { return id }
        return nil
    }
}

/// One run of the executor: the working state, the events emitted so far, and the agenda of
/// work still to do. Tokens move on the agenda (first in, first out) until every token rests.
struct StepRun {
    let process: ExecutableProcess
    private(set) var state: InstanceState
    let context: StepContext
    private(set) var events: [InstanceEvent] = []
    private var agenda: [Work] = []
    private var agendaHead = 0
    /// Inner instances of parallel multi-instance bodies still to start, in order. Each starts
    /// only once every token of the one before has come to rest, as Camunda runs them one after
    /// another, so a completion condition sees the instances complete one by one.
    private var pendingInnerInstances: [Work] = []
    private var pendingInnerHead = 0
    private var steps = 0
    /// Variable changes not yet offered to the conditional events that wait (only kept when the
    /// process has any), in the order they happened.
    var pendingVariableChanges: [VariableChange] = []
    /// The element that left last: where the process's own `end` listeners find the execution.
    var lastLeftNode: Int?
    /// Compensation throwers and retaken scopes firing their records now: neither goes on while
    /// it is still starting handlers, even when the first ones finish at once.
    var compensationsFiring: [ElementKey] = []

    /// A unit of work on the agenda.
    enum Work {
        /// Create an element instance of `node` in `scope` and run its behaviour. `locals` become
        /// its first local variables (a multi-instance item); `triggered` marks a catch event whose
        /// event has already happened.
        case activate(node: Int, scope: ElementKey?, loopCounter: Int?, triggered: Bool, locals: [String: VariableValue] = [:])
        /// Take a sequence flow towards its target.
        case takeFlow(flow: Int, scope: ElementKey?)
        /// Complete the scope when nothing is left running in it.
        case scopeMayComplete(ElementKey?)
    }

    init(process: ExecutableProcess, state: InstanceState, context: StepContext) {
        self.process = process
        self.state = state
        self.context = context
        // Most commands move a token a handful of elements: room for that without regrowing.
        events.reserveCapacity(32)
        agenda.reserveCapacity(16)
    }

    /// Records an event and applies it to the working state: the only way state changes here.
    mutating func emit(_ event: InstanceEvent) {
        if process.hasConditionalEvents { noteVariableChange(event) }
        state.apply(event)
        events.append(event)
    }

    mutating func schedule(_ work: Work) { agenda.append(work) }

    /// Queues the activation of a parallel multi-instance body's inner instance (see
    /// ``pendingInnerInstances``).
    mutating func scheduleInnerInstance(_ work: Work) { pendingInnerInstances.append(work) }

    /// Runs the agenda until every token rests or the instance ends; then fires what waited for
    /// rest (inclusive joins, the next inner instance of a parallel multi-instance body) and runs
    /// again, until nothing is left.
    mutating func drain() throws(Rejection) {
        while true {
            try runAgenda()
            if try dispatchVariableChanges() { continue }
            if try fireReadyInclusiveJoins() { continue }
            if startNextPendingInnerInstance() { continue }
            return
        }
    }

    private mutating func runAgenda() throws(Rejection) {
        while agendaHead < agenda.count {
            let work = agenda[agendaHead]
            agendaHead += 1
            steps += 1
            guard steps <= context.limits.maximumStepsPerCommand else {
                throw Rejection(
                    .executionFailed,
                    "Expected the instance to come to rest within \(context.limits.maximumStepsPerCommand) steps, but it kept going; does the process loop without a wait state?")
            }
            guard state.status == .active else { continue }
            switch work {
            case .activate(let node, let scope, let loopCounter, let triggered, let locals):
                guard scope.map({ state.element($0) != nil }) ?? true else { continue }  // the scope ended meanwhile
                try activate(node: node, scope: scope, loopCounter: loopCounter, triggered: triggered, locals: locals)
            case .takeFlow(let flow, let scope):
                guard scope.map({ state.element($0) != nil }) ?? true else { continue }
                try takeFlow(flow, scope: scope)
            case .scopeMayComplete(let scope):
                try scopeMayComplete(scope)
            }
        }
        agenda.removeAll(keepingCapacity: true)
        agendaHead = 0
    }

    /// Schedules the next inner instance whose body still runs; false when none is left.
    private mutating func startNextPendingInnerInstance() -> Bool {
        while pendingInnerHead < pendingInnerInstances.count {
            let work = pendingInnerInstances[pendingInnerHead]
            pendingInnerHead += 1
            guard case .activate(_, let body?, _, _, _) = work, state.element(body) != nil else { continue }
            schedule(work)
            return true
        }
        pendingInnerInstances.removeAll()
        pendingInnerHead = 0
        return false
    }

    // MARK: - Keys and ids

    var nextKey: ElementKey { state.nextKey }
    func newID() -> String { context.ids.next() }

    func node(of key: ElementKey) -> ExecutableNode? { state.element(key).map { process.nodes[$0.node] } }

    func describe(_ node: Int) -> String {
        "\(process.nodes[node].kind.elementName) '\(process.nodes[node].id)'"
    }

    // MARK: - Variables

    /// What expressions see from element instance `key` (nil: the process): read-only.
    func expressionScope(at key: ElementKey?) -> ExpressionScope {
        ExpressionScope(state: state, process: process, key: key, context: context)
    }

    func evaluate(_ template: Template, at key: ElementKey?, what: @autoclosure () -> String) throws(Rejection) -> VariableValue {
        do {
            return try ExpressionEvaluator.evaluate(template, in: expressionScope(at: key))
        } catch {
            throw Rejection(.executionFailed, "Expected \(what()) to evaluate, but '\(template.source)' failed: \(error.message).")
        }
    }

    /// Evaluates a template that may change the instance (a script task, a service task's
    /// expression): `execution.setVariable` and the like are applied once it has evaluated.
    mutating func perform(_ template: Template, at key: ElementKey, what: @autoclosure () -> String) throws(Rejection) -> VariableValue {
        let writes = ExpressionWrites()
        var scope = expressionScope(at: key)
        scope.writes = writes
        let value: VariableValue
        do {
            value = try ExpressionEvaluator.evaluate(template, in: scope)
        } catch {
            throw Rejection(.executionFailed, "Expected \(what()) to evaluate, but '\(template.source)' failed: \(error.message).")
        }
        var noTask: UserTaskRecord?
        try apply(writes, at: key, event: "", task: &noTask)
        return value
    }

    func condition(_ expression: Expression, at key: ElementKey?, flow: Int) throws(Rejection) -> Bool {
        do {
            return try ExpressionEvaluator.evaluateCondition(expression, in: expressionScope(at: key))
        } catch {
            throw Rejection(
                .executionFailed, "Expected the condition of sequence flow '\(process.flows[flow].id)' to evaluate, but it failed: \(error.message).")
        }
    }

    /// Checks values coming in from outside against the size limit before anything is applied.
    func validate(_ variables: [String: VariableValue]) throws(Rejection) {
        for name in variables.keys.sorted() {
            let value = variables[name]!
            let size = value.encodedSize
            if size > context.limits.maximumVariableSize {
                throw Rejection(
                    .invalidArgument,
                    "Expected variable '\(name)' to be at most \(context.limits.maximumVariableSize) bytes, but its value is \(size) bytes.")
            }
        }
    }

    /// Removes a variable from the nearest scope from `key` that has it (only from `key` itself
    /// when local); a name no scope has is passed by, as Camunda's `removeVariable` does.
    mutating func removeVariable(_ name: String, from key: ElementKey?, local: Bool) {
        let owner = local ? key : state.owningScope(of: name, from: key)
        if state.variables[owner]?[name] != nil { emit(.variableRemoved(scope: owner, name: name)) }
    }

    /// Sets variables the way Camunda's `setVariable` does: into the nearest scope from `key` that
    /// already has the variable, else the process instance; or all into `key`'s own scope when local.
    mutating func setVariables(_ variables: [String: VariableValue], from key: ElementKey?, local: Bool) {
        for name in variables.keys.sorted() {
            let target = local ? key : state.owningScope(of: name, from: key)
            emit(.variableSet(scope: target, name: name, value: variables[name]!))
        }
    }
}

extension VariableValue {
    /// The size a value takes as compact JSON, which is what the limit is about.
    var encodedSize: Int {
        switch self {
        case .string(let s): s.utf8.count + 2
        case .json(let j), .object(let j, _): JSONText.render(j).utf8.count
        default: 16
        }
    }
}
