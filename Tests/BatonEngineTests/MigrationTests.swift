import BatonCore
import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Migrating running instances to another version of their process, on both stores: what
/// waits moves with its element (the task keeps its id and assignee, the timer its due time),
/// the instance goes on in the new version, its events still rebuild its state, and what cannot
/// move says why and stays as it was.
@Suite struct MigrationTests {
    static func version(_ after: String, reviewKind: String = "userTask", boundary: Bool = true) -> String {
        ProcessTest.definitions("""
            <process id="claim" isExecutable="true">
              <startEvent id="s" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="review" />
              <\(reviewKind) id="review" \(reviewKind == "serviceTask" ? #"camunda:type="external" camunda:topic="t""# : "") />
              \(boundary ? #"<boundaryEvent id="remind" attachedToRef="review" cancelActivity="false"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent><sequenceFlow id="f9" sourceRef="remind" targetRef="nudge" /><endEvent id="nudge" />"# : "")
              \(after)
            </process>
            """)
    }

    static let v1 = version(#"<sequenceFlow id="f2" sourceRef="review" targetRef="e" /><endEvent id="e" />"#)
    static let v2 = version(#"""
        <sequenceFlow id="f2" sourceRef="review" targetRef="e" /><endEvent id="e" />
        <sequenceFlow id="f3" sourceRef="review" targetRef="approve"><conditionExpression>${true}</conditionExpression></sequenceFlow>
        <userTask id="approve" />
        """#)

    @Test(arguments: TestBackend.allCases) func aWaitingInstanceMovesToTheNewVersionWithItsTaskAndTimer(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let first = try #require(try await test.deploy(Self.v1, name: "claim.bpmn").definitions.first?.id)
        let instance = try await test.start("claim")
        let task = try await test.task("review", in: instance)
        try await test.runtime.claim(task.id, userID: "ann")
        let second = try #require(try await test.deploy(Self.v2, name: "claim.bpmn").definitions.first?.id)
        let plan = try await test.runtime.generateMigrationPlan(source: first, target: second)
        #expect(plan.instructions.map(\.sourceActivityID).contains("review"))
        #expect(try await test.runtime.validateMigrationPlan(plan).isEmpty)

        #expect(try await test.runtime.migrate([instance], by: plan).isEmpty)
        #expect(try await test.runtime.instance(instance).definitionID == second)
        let moved = try await test.task("review", in: instance)
        #expect(moved.id == task.id && moved.assignee == "ann" && moved.processDefinitionID == second)
        let timer = try #require(try await test.runtime.jobs(JobQuery(processInstanceID: instance)).first)
        #expect(timer.processDefinitionID == second && timer.activityID == "remind")

        // The stored events, read with the new version, rebuild the migrated state.
        let (events, state) = try await test.runtime.store.read { transaction in
            (try await transaction.history(of: instance).map(\.event), try await transaction.lockInstance(instance)!.state)
        }
        #expect(InstanceState(replaying: events, instanceID: instance) == state)

        // It runs the new version: the remind timer fires as before, then the new step.
        try await test.advance(by: "P1D")
        try await test.complete("review", in: instance)
        #expect(try await test.active(in: instance) == ["approve"])
        let activities = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: instance, activityID: "review"))
        #expect(activities.map(\.processDefinitionID) == [second])
    }

    /// Camunda's MigrationBoundaryEventsTest and MigrationMessageCatchEventTest with
    /// `updateEventTrigger`: the migrated timer is computed anew from the target's definition,
    /// the subscription waits for the target's message; without it both keep their own.
    static func waiting(timer: String, message: String) -> String {
        ProcessTest.definitions("""
            <process id="wait" isExecutable="true">
              <startEvent id="s" /><parallelGateway id="fork" />
              <userTask id="work" /><boundaryEvent id="late" attachedToRef="work"><timerEventDefinition><timeDuration>\(timer)</timeDuration></timerEventDefinition></boundaryEvent>
              <intermediateCatchEvent id="ping"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
              <endEvent id="e1" /><endEvent id="e2" /><endEvent id="e3" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="fork" /><sequenceFlow id="f2" sourceRef="fork" targetRef="work" />
              <sequenceFlow id="f3" sourceRef="fork" targetRef="ping" /><sequenceFlow id="f4" sourceRef="work" targetRef="e1" />
              <sequenceFlow id="f5" sourceRef="late" targetRef="e2" /><sequenceFlow id="f6" sourceRef="ping" targetRef="e3" />
            </process>
            <message id="m" name="\(message)" />
            """)
    }

    @Test(arguments: TestBackend.allCases) func updatedEventTriggersTakeTheTargetsMessageAndTimer(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let first = try #require(try await test.deploy(Self.waiting(timer: "PT1H", message: "ping-v1")).definitions.first)
        let updated = try await test.start("wait"), kept = try await test.start("wait")
        let second = try #require(try await test.deploy(Self.waiting(timer: "PT5M", message: "ping-v2")).definitions.first)
        test.clock.advance(by: "PT1M")
        let updating = try await test.runtime.generateMigrationPlan(source: first.id, target: second.id, updateEventTriggers: true)
        #expect(Set(updating.instructions.filter(\.updateEventTrigger).map(\.targetActivityID)) == ["late", "ping"], "only the events that wait for a trigger")
        #expect(try await test.runtime.migrate([updated], by: updating).isEmpty)
        #expect(try await test.runtime.migrate([kept], by: try await test.runtime.generateMigrationPlan(source: first.id, target: second.id)).isEmpty)

        func waits(_ instance: String) async throws -> (message: String?, due: Timestamp?) {
            let message = try await test.runtime.eventSubscriptions(EventSubscriptionQuery(processInstanceID: instance)).first?.eventName
            let due = try await test.runtime.jobs(JobQuery(processInstanceID: instance)).first?.dueAt
            return (message, due)
        }
        let start = Timestamp(iso8601: "2026-01-01T00:00:00Z")!
        let (newMessage, newDue) = try await waits(updated)
        #expect(newMessage == "ping-v2" && newDue == start.adding(milliseconds: 6 * 60_000), "five minutes from the migration")
        let (oldMessage, oldDue) = try await waits(kept)
        #expect(oldMessage == "ping-v1" && oldDue == start.adding(milliseconds: 3_600_000), "an hour from its start, as before")
        _ = try await test.runtime.correlate(MessageCorrelation(messageName: "ping-v2", processInstanceID: updated))
        #expect(try await test.active(in: updated) == ["work"])

        // A task waits for no trigger: updating it is refused by validation.
        var wrong = updating
        wrong.instructions = [MigrationPlan.Instruction(sourceActivityID: "work", targetActivityID: "work", updateEventTrigger: true)]
        let report = try await test.runtime.validateMigrationPlan(wrong)
        #expect(report.first?.reasons == ["Cannot update the event trigger of 'work': it waits for no message, signal or timer."])
    }

    @Test(arguments: TestBackend.allCases) func whatCannotMoveSaysWhyAndStaysAsItWas(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let first = try #require(try await test.deploy(Self.v1, name: "claim.bpmn").definitions.first?.id)
        let waiting = try await test.start("claim")
        let withoutBoundary = try #require(try await test.deploy(
            Self.version(#"<sequenceFlow id="f2" sourceRef="review" targetRef="e" /><endEvent id="e" />"#, boundary: false), name: "claim.bpmn").definitions.first?.id)
        let plan = try await test.runtime.generateMigrationPlan(source: first, target: withoutBoundary)
        let failures = try await test.runtime.migrate([waiting, "nope"], by: plan)
        #expect(failures.map(\.processInstanceID) == [waiting, "nope"])
        #expect(failures.first?.reasons.first?.contains("'remind'") == true, "\(failures)")
        #expect(try await test.runtime.instance(waiting).definitionID == first, "nothing changed")

        let retyped = try #require(try await test.deploy(
            Self.version(#"<sequenceFlow id="f2" sourceRef="review" targetRef="e" /><endEvent id="e" />"#, reviewKind: "serviceTask"), name: "claim.bpmn").definitions.first?.id)
        let generated = try await test.runtime.generateMigrationPlan(source: first, target: retyped)
        #expect(!generated.instructions.map(\.sourceActivityID).contains("review"), "a changed kind is not mapped")
        let forced = MigrationPlan(sourceDefinitionID: first, targetDefinitionID: retyped, instructions: [.init(sourceActivityID: "review", targetActivityID: "review")])
        #expect(try await test.runtime.validateMigrationPlan(forced).first?.reasons == ["Activity 'review' is a userTask in the source but a serviceTask in the target."])
        let renamed = MigrationPlan(sourceDefinitionID: first, targetDefinitionID: retyped, instructions: [.init(sourceActivityID: "review", targetActivityID: "e")])
        await #expect(throws: EngineError.self) { try await test.runtime.migrate([waiting], by: renamed) }
    }

    @Test(arguments: TestBackend.allCases) func aBatchMigratesInTheBackgroundAndKeepsWhatFailed(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let first = try #require(try await test.deploy(Self.v1, name: "claim.bpmn").definitions.first?.id)
        let instances = [try await test.start("claim"), try await test.start("claim"), try await test.start("claim")]
        let second = try #require(try await test.deploy(Self.v2, name: "claim.bpmn").definitions.first?.id)
        try await test.runtime.cancel(instances[2])
        let plan = try await test.runtime.generateMigrationPlan(source: first, target: second)
        let batch = try await test.runtime.migrateInBatch(instances + [instances[0]], by: plan, createdBy: "ops")
        #expect(batch.total == 3, "each instance once")
        #expect(try await test.runtime.instance(instances[0]).definitionID == first, "nothing moves until the worker runs")
        try await test.runtime.setBatchSuspended(batch.id, true)
        try await test.runJobs()
        #expect(try await test.runtime.instance(instances[0]).definitionID == first, "a suspended batch is held back")
        var suspended = BatchQuery()
        suspended.suspended = true
        #expect(try await test.runtime.batches(suspended).map(\.id) == [batch.id])
        try await test.runtime.setBatchSuspended(batch.id, false)
        try await test.runJobs()
        #expect(try await test.runtime.instance(instances[0]).definitionID == second)
        #expect(try await test.runtime.instance(instances[1]).definitionID == second)
        let (done, failures) = try await test.runtime.batch(batch.id)
        #expect(done.completed == 2 && done.failed == 1 && done.remaining == 0)
        #expect(failures.map(\.processInstanceID) == [instances[2]] && failures.first?.reason.contains("not") == true)
        try await test.runtime.deleteBatch(batch.id)
        #expect(try await test.runtime.batches().isEmpty)
    }

    /// Activities renamed in the new version (Camunda's `sourceActivityIds` → `targetActivityIds`
    /// with different ids): the instance passed `prepare`, which the target has not, and waits at
    /// `review` with its reminder timer, which the target calls `check` and `nudge`.
    static let renamedV1 = ProcessTest.definitions("""
        <process id="claim" isExecutable="true">
          <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="prepare" />
          <userTask id="prepare" /><sequenceFlow id="f1" sourceRef="prepare" targetRef="review" />
          <userTask id="review" name="Review" /><sequenceFlow id="f2" sourceRef="review" targetRef="e" /><endEvent id="e" />
          <boundaryEvent id="remind" attachedToRef="review" cancelActivity="false"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
          <sequenceFlow id="f9" sourceRef="remind" targetRef="nudged" /><endEvent id="nudged" />
        </process>
        """)
    static let renamedV2 = ProcessTest.definitions("""
        <process id="claim" isExecutable="true">
          <startEvent id="start" /><sequenceFlow id="g0" sourceRef="start" targetRef="check" />
          <userTask id="check" name="Check the claim" /><sequenceFlow id="g1" sourceRef="check" targetRef="done" /><endEvent id="done" />
          <boundaryEvent id="nudge" attachedToRef="check" cancelActivity="false"><timerEventDefinition><timeDuration>P2D</timeDuration></timerEventDefinition></boundaryEvent>
          <sequenceFlow id="g9" sourceRef="nudge" targetRef="nudgedToo" /><endEvent id="nudgedToo" />
        </process>
        """)

    @Test(arguments: TestBackend.allCases) func anInstanceMovesToRenamedActivitiesAndItsHistoryStillReplays(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let first = try #require(try await test.deploy(Self.renamedV1, name: "claim.bpmn").definitions.first?.id)
        let instance = try await test.start("claim")
        try await test.complete("prepare", in: instance)
        let task = try await test.task("review", in: instance)
        try await test.runtime.claim(task.id, userID: "ann")
        let timerDue = try #require(try await test.runtime.jobs(JobQuery(processInstanceID: instance)).first?.dueAt)
        let second = try #require(try await test.deploy(Self.renamedV2, name: "claim.bpmn").definitions.first?.id)

        let reviewOnly = MigrationPlan(sourceDefinitionID: first, targetDefinitionID: second, instructions: [.init(sourceActivityID: "review", targetActivityID: "check")])
        #expect(try await test.runtime.validateMigrationPlan(reviewOnly).isEmpty, "a renamed activity is a valid instruction")
        let refused = try await test.runtime.migrate([instance], by: reviewOnly)
        #expect(refused.first?.reasons.first?.contains("'remind'") == true, "the waiting timer needs a mapping too: \(refused)")
        #expect(try await test.runtime.instance(instance).definitionID == first)

        var plan = reviewOnly
        plan.instructions.append(.init(sourceActivityID: "remind", targetActivityID: "nudge"))
        #expect(try await test.runtime.migrate([instance], by: plan).isEmpty)
        let moved = try await test.task("check", in: instance)
        #expect(moved.id == task.id && moved.assignee == "ann" && moved.taskDefinitionKey == "check" && moved.processDefinitionID == second)
        let timer = try #require(try await test.runtime.jobs(JobQuery(processInstanceID: instance)).first)
        #expect(timer.activityID == "nudge" && timer.dueAt == timerDue, "the timer keeps its due time")
        let running = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: instance, activityID: "check"))
        #expect(running.map(\.activityName) == ["Check the claim"] && running.first?.endTime == nil)
        #expect(try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: instance, activityID: "prepare")).count == 1, "what it passed keeps its id")
        #expect(try await test.runtime.taskHistory(HistoricTaskInstanceQuery(processInstanceID: instance, taskDefinitionKey: "check")).map(\.id) == [task.id])

        // The events before the move name v1's elements, those after v2's: both read back.
        let (events, state) = try await test.runtime.store.read { transaction in
            (try await transaction.history(of: instance).map(\.event), try await transaction.lockInstance(instance)!.state)
        }
        #expect(InstanceState(replaying: events, instanceID: instance) == state)

        // It runs v2 on: the timer fires at `nudge`, the task completes at `check`, and the ended
        // instance (which PostgreSQL keeps only as its events) reads back.
        try await test.advance(by: "P1D")
        try await test.complete("check", in: instance)
        let ended = try await test.runtime.store.read { try await $0.lockInstance(instance) }
        #expect(ended?.state.status == .completed && ended?.definitionID == second)
        let nudges = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: instance, activityID: "nudgedToo"))
        #expect(nudges.count == 1)
    }
}
