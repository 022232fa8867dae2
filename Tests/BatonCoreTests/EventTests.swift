import BatonCore
import BatonModel
import Testing

@Suite struct EventTests {
    @Test func receiveTaskAndMessageCatchWaitForTheirMessages() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><receiveTask id="docs" messageRef="documents" />
            <intermediateCatchEvent id="sig"><messageEventDefinition messageRef="signed" /></intermediateCatchEvent><endEvent id="e" />
            """# + flows("s->docs", "docs->sig", "sig->e"), messages: ["documents", "signed"]))
        try scenario.start()
        #expect(scenario.state.subscriptions.map(\.eventName) == ["documents"])
        try scenario.correlate("documents", ["count": .integer(3)])
        #expect(scenario.state.subscriptions.map(\.eventName) == ["signed"])
        try scenario.correlate("signed")
        #expect(scenario.state.status == .completed)
        #expect(scenario.events.contains(.variableSet(scope: nil, name: "count", value: .integer(3))))
    }

    @Test func timerCatchWaitsForTheInjectedClock() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>${delay}</timeDuration></timerEventDefinition></intermediateCatchEvent><endEvent id="e" />
            """# + flows("s->wait", "wait->e")))
        try scenario.start(["delay": .string("P2D")])
        #expect(scenario.state.jobs.first?.dueAt == Timestamp(iso8601: "2026-01-03T00:00:00Z"))
        try scenario.advance("P1D")
        #expect(scenario.waiting == ["wait"])
        try scenario.advance("P1D")
        #expect(scenario.state.status == .completed)
    }

    private let review = bpmn(#"""
        <startEvent id="s" /><userTask id="review" /><endEvent id="done" />
        <boundaryEvent id="withdrawn" attachedToRef="review"><messageEventDefinition messageRef="withdraw" /></boundaryEvent><endEvent id="gone" />
        <boundaryEvent id="reminder" attachedToRef="review" cancelActivity="false"><timerEventDefinition><timeCycle>R2/P1D</timeCycle></timerEventDefinition></boundaryEvent>
        <serviceTask id="remind" camunda:type="external" camunda:topic="remind" /><endEvent id="reminded" />
        """# + flows("s->review", "review->done", "withdrawn->gone", "reminder->remind", "remind->reminded"), messages: ["withdraw"])

    @Test func nonInterruptingTimerCycleFiresBesideTheTask() throws {
        var scenario = try CoreScenario(review)
        try scenario.start()
        try scenario.advance("P1D")
        #expect(scenario.waiting == ["review", "remind"])
        try scenario.advance("P1D")
        #expect(scenario.waiting == ["review", "remind", "remind"])
        try scenario.advance("P5D")
        #expect(scenario.waiting.filter { $0 == "remind" }.count == 2, "R2 fires twice, then stops")
        try scenario.completeTask("review")
        #expect(scenario.waiting == ["remind", "remind"], "the boundary listeners closed with the task")
        #expect(!scenario.state.jobs.contains { if case .timer = $0.kind { true } else { false } })
    }

    @Test func interruptingMessageBoundaryCancelsTheTask() throws {
        var scenario = try CoreScenario(review)
        try scenario.start()
        try scenario.correlate("withdraw")
        #expect(scenario.state.tasks.isEmpty)
        #expect(scenario.completed.suffix(2) == ["withdrawn", "gone"])
        #expect(scenario.state.status == .completed)
    }

    private let fraud = bpmn(#"""
        <startEvent id="s" /><serviceTask id="score" camunda:type="external" camunda:topic="score" /><endEvent id="ok" />
        <boundaryEvent id="caught" attachedToRef="score"><errorEventDefinition errorRef="fraud" /></boundaryEvent><endEvent id="rejected" />
        """# + flows("s->score", "score->ok", "caught->rejected"), errors: [("fraud", "FRAUD")])

    @Test func anErrorFromAWorkerIsCaughtByItsBoundaryEvent() throws {
        var scenario = try CoreScenario(fraud)
        try scenario.start()
        try scenario.throwError(at: "score", code: "FRAUD")
        #expect(scenario.completed.suffix(2) == ["caught", "rejected"])
        #expect(scenario.state.status == .completed)
    }

    /// Camunda's ErrorEndEventTest and BoundaryErrorEventTest: an error nothing catches ends the
    /// token that threw it, as a none end event would; no incident, no further flow.
    @Test func anUncaughtErrorEndsTheTokenThatThrewIt() throws {
        var scenario = try CoreScenario(fraud)
        try scenario.start()
        try scenario.throwError(at: "score", code: "OTHER")
        #expect(scenario.state.incidents.isEmpty)
        #expect(scenario.completed.last == "score" && !scenario.completed.contains("ok"))
        #expect(scenario.state.status == .completed)

        var end = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><parallelGateway id="fork" /><endEvent id="boom"><errorEventDefinition errorRef="undeclared" /></endEvent>
            <userTask id="other" /><endEvent id="e" />
            """# + flows("s->fork", "fork->boom", "fork->other", "other->e")))
        try end.start()
        #expect(end.completed.contains("boom") && end.waiting == ["other"], "the error end event ended its own token only")
        try end.completeTask("other")
        #expect(end.state.status == .completed && end.state.incidents.isEmpty)
    }

    @Test func errorEndEventInASubprocessIsCaughtOnTheSubprocess() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <subProcess id="sub"><startEvent id="ss" /><endEvent id="boom"><errorEventDefinition errorRef="failed" /></endEvent>
              <sequenceFlow id="i1" sourceRef="ss" targetRef="boom" /></subProcess>
            <boundaryEvent id="onFail" attachedToRef="sub"><errorEventDefinition /></boundaryEvent>
            <endEvent id="ok" /><endEvent id="handled" />
            """# + flows("s->sub", "sub->ok", "onFail->handled"), errors: [("failed", "FAILED")]))
        try scenario.start()
        #expect(scenario.completed.suffix(2) == ["onFail", "handled"])
        #expect(!scenario.completed.contains("ok"))
        #expect(scenario.state.status == .completed)
    }

    @Test func eventSubprocessesCatchErrorsAndMessages() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><serviceTask id="work" camunda:type="external" camunda:topic="w" /><endEvent id="e" />
            <subProcess id="onNote" triggeredByEvent="true"><startEvent id="noted" isInterrupting="false"><messageEventDefinition messageRef="note" /></startEvent>
              <userTask id="read" /><endEvent id="ne" /><sequenceFlow id="n1" sourceRef="noted" targetRef="read" /><sequenceFlow id="n2" sourceRef="read" targetRef="ne" /></subProcess>
            <subProcess id="onError" triggeredByEvent="true"><startEvent id="caught"><errorEventDefinition errorRef="bad" /></startEvent>
              <endEvent id="ce" /><sequenceFlow id="c1" sourceRef="caught" targetRef="ce" /></subProcess>
            """# + flows("s->work", "work->e"), messages: ["note"], errors: [("bad", "BAD")]))
        try scenario.start()
        try scenario.correlate("note")
        try scenario.correlate("note")
        #expect(scenario.waiting == ["work", "onNote", "read", "onNote", "read"], "non-interrupting: twice, beside the work")
        try scenario.throwError(at: "work", code: "BAD")
        #expect(scenario.completed.suffix(3) == ["caught", "ce", "onError"])
        #expect(scenario.state.tasks.isEmpty, "the interrupting error ended everything else")
        #expect(scenario.state.status == .completed)
    }

    @Test func terminateEndEventEndsTheWholeInstance() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><parallelGateway id="fork" /><userTask id="slow" /><endEvent id="stop"><terminateEventDefinition /></endEvent>
            <endEvent id="e" />
            """# + flows("s->fork", "fork->slow", "fork->stop", "slow->e")))
        try scenario.start()
        #expect(scenario.state.status == .completed)
        #expect(scenario.state.tasks.isEmpty)
    }

    @Test func asyncContinuationsWaitAsJobs() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><task id="before" camunda:asyncBefore="true" /><task id="after" camunda:asyncAfter="true" /><endEvent id="e" />
            """# + flows("s->before", "before->after", "after->e")))
        try scenario.start()
        #expect(scenario.waiting == ["before"])
        #expect(scenario.state.jobs.map(\.kind) == [.activate])
        try scenario.run(.executeJob(jobID: scenario.state.jobs[0].id))
        #expect(scenario.waiting == ["after"])
        #expect(scenario.state.jobs.map(\.kind) == [.leave])
        try scenario.runContinuations()
        #expect(scenario.state.status == .completed)
    }

    @Test func failingJobsRetryWithTheConfiguredWaitsThenRaiseAnIncident() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><serviceTask id="publish" camunda:delegateExpression="${publish}">
              <extensionElements><camunda:failedJobRetryTimeCycle>PT1M,PT5M</camunda:failedJobRetryTimeCycle></extensionElements></serviceTask><endEvent id="e" />
            """# + flows("s->publish", "publish->e")))
        try scenario.start()
        let job = try #require(scenario.job("publish"))
        #expect(job.kind == .handler("publish"))
        #expect(job.synchronous && job.retries == 2)
        try scenario.failJob("publish", error: "Aidbox answered 503")
        #expect(scenario.job("publish")?.retries == 1)
        #expect(scenario.job("publish")?.dueAt == Timestamp(iso8601: "2026-01-01T00:01:00Z"))
        try scenario.failJob("publish", error: "Aidbox answered 503")
        let incident = try #require(scenario.state.incidents.first)
        #expect(incident.kind == .failedJob)
        #expect(incident.message.hasSuffix("Aidbox answered 503"))
        // Setting retries again resolves the incident and lets the job run.
        try scenario.run(.setJobRetries(jobID: scenario.job("publish")!.id, retries: 1))
        #expect(scenario.state.incidents.isEmpty)
        try scenario.completeJob("publish")
        #expect(scenario.state.status == .completed)
    }

    @Test func anExpressionFailingInsideAJobBecomesAJobFailure() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><serviceTask id="calc" camunda:asyncBefore="true" camunda:expression="${missing * 2}" /><endEvent id="e" />
            """# + flows("s->calc", "calc->e")))
        try scenario.start()
        let id = scenario.state.jobs[0].id
        try scenario.run(.executeJob(jobID: id))
        let job = try #require(scenario.state.job(id))
        #expect(job.retries == 2)
        #expect(job.lastError?.contains("cannot resolve identifier 'missing'") == true)
        #expect(scenario.waiting == ["calc"])
    }
}

@Suite struct MoreTriggerTests {
    @Test func anInterruptingTimerBoundaryCancelsItsSubprocess() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <subProcess id="sub"><startEvent id="ss" /><userTask id="inner" /><endEvent id="se" />
              <sequenceFlow id="i1" sourceRef="ss" targetRef="inner" /><sequenceFlow id="i2" sourceRef="inner" targetRef="se" /></subProcess>
            <boundaryEvent id="late" attachedToRef="sub"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
            <endEvent id="e" /><endEvent id="timedOut" />
            """# + flows("s->sub", "sub->e", "late->timedOut")))
        try scenario.start()
        try scenario.advance("PT1H")
        #expect(scenario.state.tasks.isEmpty)
        #expect(scenario.completed.suffix(2) == ["late", "timedOut"])
        #expect(scenario.state.status == .completed)
    }

    @Test func aNonInterruptingMessageBoundaryRunsBesideTheTaskAndCanRepeat() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="t" /><endEvent id="e" />
            <boundaryEvent id="note" attachedToRef="t" cancelActivity="false"><messageEventDefinition messageRef="comment" /></boundaryEvent>
            <serviceTask id="log" camunda:type="external" camunda:topic="log" /><endEvent id="logged" />
            """# + flows("s->t", "t->e", "note->log", "log->logged"), messages: ["comment"]))
        try scenario.start()
        try scenario.correlate("comment")
        try scenario.correlate("comment")
        #expect(scenario.waiting == ["t", "log", "log"])
        try scenario.completeTask("t")
        #expect(scenario.state.subscriptions.isEmpty, "the boundary stops listening when the task ends")
        #expect(scenario.waiting == ["log", "log"])
    }

    @Test func aTimerEventSubprocessStartsOnTime() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="work" /><endEvent id="e" />
            <subProcess id="reminder" triggeredByEvent="true">
              <startEvent id="due" isInterrupting="false"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></startEvent>
              <serviceTask id="remind" camunda:type="external" camunda:topic="mail" /><endEvent id="re" />
              <sequenceFlow id="r1" sourceRef="due" targetRef="remind" /><sequenceFlow id="r2" sourceRef="remind" targetRef="re" /></subProcess>
            """# + flows("s->work", "work->e")))
        try scenario.start()
        try scenario.advance("P1D")
        #expect(scenario.waiting == ["work", "reminder", "remind"])
        try scenario.completeJob("remind")
        try scenario.completeTask("work")
        #expect(scenario.state.status == .completed)
    }

    @Test func anInterruptingMessageEventSubprocessReplacesTheScopesWork() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="work" /><endEvent id="e" />
            <subProcess id="onCancel" triggeredByEvent="true">
              <startEvent id="cancelled"><messageEventDefinition messageRef="cancel" /></startEvent>
              <userTask id="cleanUp" /><endEvent id="ce" />
              <sequenceFlow id="c1" sourceRef="cancelled" targetRef="cleanUp" /><sequenceFlow id="c2" sourceRef="cleanUp" targetRef="ce" /></subProcess>
            """# + flows("s->work", "work->e"), messages: ["cancel"]))
        try scenario.start()
        try scenario.correlate("cancel", ["reason": .string("withdrawn")])
        #expect(scenario.waiting == ["onCancel", "cleanUp"])
        #expect(scenario.state.subscriptions.isEmpty)
        try scenario.completeTask("cleanUp")
        #expect(scenario.state.status == .completed)
        #expect(!scenario.completed.contains("e"))
    }
}
