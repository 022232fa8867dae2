import BatonModel
import BatonServer
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Testing

/// The console's pages over real HTTP on a fresh PostgreSQL store: what each page shows, that no
/// name or value a client chose becomes markup, that forms need the session's token, and that
/// sign-in and authorization are the API's.
@Suite struct ConsoleTests {
    /// Starts the review process with hostile names and returns its instance id.
    static func startReview(_ rest: RestClient) async throws -> String {
        let deployed = try await rest.deploy([("review.bpmn", ConsoleFixtures.review)])
        #expect(deployed.status == .ok, "\(deployed.text)")
        let variables = JSONText.render(.object([
            .init(ConsoleFixtures.hostileVariableName, .object([.init("value", .string(ConsoleFixtures.hostileVariableValue))])),
            .init("plan", .object([.init("value", .string("gold")), .init("type", .string("String"))])),
        ]))
        let started = try await rest.call(
            .post, "/engine-rest/process-definition/key/review/start",
            json: #"{"businessKey": \#(JSONText.render(.string(ConsoleFixtures.hostileBusinessKey))), "variables": \#(variables)}"#)
        return try #require(started["id"]?.stringValue, "\(started.text)")
    }

    static func assertNoInjection(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!html.contains("<script"), "no script element, and no hostile one", sourceLocation: sourceLocation)
        #expect(!html.contains("<img"), sourceLocation: sourceLocation)
        #expect(!html.contains("<b onmouseover"), sourceLocation: sourceLocation)
    }

    @Test func theOpenConsoleShowsProcessesInstancesAndTheirDiagramEscapingEveryName() async throws {
        try await RestHarness.make().run { rest in
            let instance = try await Self.startReview(rest)
            let browser = ConsoleBrowser(rest)

            let root = try await browser.get("/")
            #expect(root.status == .seeOther && root.location == "/console")
            let dashboard = try await browser.get("/console")
            #expect(dashboard.status == .ok)
            #expect(dashboard.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(dashboard.headers[.contentSecurityPolicy]?.contains("script-src") == false, "no script is allowed at all")
            let cookie = try #require(dashboard.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/console"), "\(cookie)")
            #expect(dashboard.html.contains("Review &lt;script&gt;alert(1)&lt;/script&gt;"))
            Self.assertNoInjection(dashboard.html)

            let definition = try await browser.get("/console/processes/review")
            #expect(definition.status == .ok, "\(definition.html)")
            #expect(definition.html.contains("<svg"))
            let check = try #require(ConsoleFixtures.group(of: "check", in: definition.html))
            #expect(check.contains("bpmn-userTask"), "\(check)")
            #expect(definition.html.contains("badge-running"), "a running-instance badge on the waiting task")
            #expect(definition.html.contains("/console/instances/\(instance)"))
            #expect(definition.html.contains("&lt;img src=x onerror=alert(2)&gt;"))
            Self.assertNoInjection(definition.html)
            let heat = try await browser.get("/console/processes/review?view=heat")
            #expect(heat.status == .ok && heat.html.contains("Heat map of version 1, last 7 days"))
            #expect(try await browser.get("/console/processes/review?view=heat&days=30").html.contains("last 30 days"))
            #expect(try await browser.get("/console/processes/review?view=heat&days=9").status == .badRequest)
            let ended = try await browser.get("/console/processes/review?state=ended")
            #expect(ended.status == .ok && ended.html.contains("No instance matches."))
            let filtered = try await browser.get("/console/processes/review?businessKey=nothing-like-it")
            #expect(filtered.html.contains("No instance matches."))
            let unknownFilter = try await browser.get("/console/processes/review?sortBy=x")
            #expect(unknownFilter.status == .badRequest && unknownFilter.html.contains("sortBy"))

            let page = try await browser.get("/console/instances/\(instance)")
            #expect(page.status == .ok)
            #expect(ConsoleFixtures.group(of: "check", in: page.html)?.contains("state-active") == true, "the waiting task is outlined")
            #expect(ConsoleFixtures.group(of: "start", in: page.html)?.contains("state-completed") == true, "the start event is shaded")
            #expect(page.html.contains("&lt;script&gt;x&lt;/script&gt;") && page.html.contains("&lt;/td&gt;&lt;script&gt;alert(3)"))
            #expect(page.html.contains("Activity history"))
            Self.assertNoInjection(page.html)

            let missing = try await browser.get("/console/instances/no-such-instance")
            #expect(missing.status == .notFound && missing.html.contains("<h1>Not found</h1>"))
            let css = try await browser.get("/console/assets/console.css")
            #expect(css.status == .ok && css.headers[.contentType]?.hasPrefix("text/css") == true && css.html.contains(".state-active"))
        }
    }

    @Test func aTaskFormChecksItsFieldsOnTheServerAndCompletesWithTypedValues() async throws {
        try await RestHarness.make().run { rest in
            let instance = try await Self.startReview(rest)
            let task = try #require(try await rest.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            let browser = ConsoleBrowser(rest)
            let list = try await browser.get("/console/tasks")
            #expect(list.html.contains("/console/tasks/\(task)") && list.html.contains("Check &lt;b onmouseover=alert(4)&gt;it&lt;/b&gt;"))
            Self.assertNoInjection(list.html)
            let form = try await browser.get("/console/tasks/\(task)")
            #expect(form.status == .ok)
            #expect(form.html.contains(#"<label for="field-amount">Amount <span class="required">(required)</span></label>"#))
            #expect(form.html.contains(#"<option value="gold">Gold</option>"#) && form.html.contains(#"type="checkbox""#) && form.html.contains(#"type="date""#))

            let empty = try await browser.post("/console/tasks/\(task)/complete", [("amount", ""), ("note", "fine")])
            #expect(empty.status == .badRequest)
            #expect(empty.html.contains("Amount is required.") && empty.html.contains(#"aria-invalid="true""#))
            #expect(empty.html.contains(#"value="fine""#), "what was typed stays")
            #expect(try await rest.call(.get, "/engine-rest/task/\(task)").status == .ok, "nothing was completed")
            let tooSmall = try await browser.post("/console/tasks/\(task)/complete", [("amount", "0"), ("note", "far too long a note")])
            #expect(tooSmall.html.contains("Amount must be at least 1.") && tooSmall.html.contains("Note must have at most 10 characters."))
            let notANumber = try await browser.post("/console/tasks/\(task)/complete", [("amount", "five")])
            #expect(notANumber.html.contains("Amount must be a whole number."))

            let done = try await browser.post(
                "/console/tasks/\(task)/complete", [("amount", "5"), ("approved", "true"), ("level", "gold"), ("effective", "2026-03-01"), ("note", "ok")])
            #expect(done.status == .seeOther && done.location == "/console/tasks?notice=completed", "\(done.html)")
            #expect(try await rest.call(.get, "/engine-rest/task/\(task)").status == .notFound)
            let variables = try await rest.call(.get, "/engine-rest/process-instance/\(instance)/variables")
            #expect(variables["amount"]?["type"] == .string("Long") && variables["amount"]?["value"] == .integer(5))
            #expect(variables["approved"]?["value"] == .bool(true) && variables["level"]?["value"] == .string("gold"))
            #expect(variables["effective"]?["type"] == .string("Date"))
            #expect(variables["effective"]?["value"]?.stringValue?.hasPrefix("2026-03-01T00:00:00") == true, "\(variables.text)")
        }
    }

    @Test func retryingAnIncidentInTheConsoleResolvesIt() async throws {
        try await RestHarness.make().run { rest in
            let instance = try await Self.startReview(rest)
            let job = try #require(try await rest.call(.get, "/engine-rest/job?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            _ = try await rest.call(.post, "/engine-rest/job/\(job)/execute")
            _ = try await rest.call(.post, "/engine-rest/job/\(job)/execute")
            let incident = try #require(try await rest.call(.get, "/engine-rest/incident?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            let browser = ConsoleBrowser(rest)
            let incidents = try await browser.get("/console/incidents")
            #expect(incidents.html.contains(#"value="\#(incident)""#) && incidents.html.contains("unregisteredHandler"))
            #expect(try await browser.get("/console/incidents?definition=review&activity=publish").html.contains(incident))
            #expect(try await browser.get("/console/incidents?activity=check").html.contains("No open incident matches."))
            let page = try await browser.get("/console/instances/\(instance)")
            #expect(ConsoleFixtures.group(of: "publish", in: page.html)?.contains("state-incident") == true, "the failed activity is red")
            let retried = try await browser.post("/console/incidents/retry", [("incident", incident)])
            #expect(retried.status == .seeOther, "\(retried.html)")
            #expect(try await rest.call(.get, "/engine-rest/incident?processInstanceId=\(instance)").json == .array([]))
            #expect(try await browser.get("/console/incidents").html.contains("No open incident matches."))
        }
    }

    @Test func formsWithoutTheSessionsTokenChangeNothing() async throws {
        try await RestHarness.make().run { rest in
            let instance = try await Self.startReview(rest)
            let browser = ConsoleBrowser(rest)
            _ = try await browser.get("/console/instances/\(instance)/cancel")
            let token = try #require(browser.csrfToken())
            let forged = try await browser.post("/console/instances/\(instance)/cancel", csrf: "forged")
            #expect(forged.status == .forbidden && forged.html.contains("security token"))
            let stranger = ConsoleBrowser(rest)
            let noSession = try await stranger.post("/console/instances/\(instance)/cancel", csrf: token)
            #expect(noSession.status == .forbidden, "another browser's token is worthless without its session")
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)").status == .ok, "still running")

            _ = try await browser.get("/console/instances/\(instance)")
            let suspended = try await browser.post("/console/instances/\(instance)/suspend")
            #expect(suspended.status == .seeOther)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)")["suspended"] == .bool(true))
            _ = try await browser.get("/console/instances/\(instance)")
            #expect(try await browser.post("/console/instances/\(instance)/activate").status == .seeOther)
            _ = try await browser.get("/console/instances/\(instance)")
            let saved = try await browser.post("/console/instances/\(instance)/variables", [("name", "limit"), ("type", "Long"), ("value", "12")])
            #expect(saved.status == .seeOther)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)/variables/limit")["value"] == .integer(12))
            let wrongType = try await browser.post("/console/instances/\(instance)/variables", [("name", "limit"), ("type", "Long"), ("value", "twelve")])
            #expect(wrongType.status == .badRequest && wrongType.html.contains("whole number"))
            _ = try await browser.get("/console/instances/\(instance)")
            #expect(try await browser.post("/console/instances/\(instance)/variables/delete", [("name", "limit")]).status == .seeOther)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)/variables/limit").status == .notFound)
            _ = try await browser.get("/console/instances/\(instance)/cancel")
            let canceled = try await browser.post("/console/instances/\(instance)/cancel", [("reason", "test")])
            #expect(canceled.status == .seeOther)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)").status == .notFound)
            let ended = try await browser.get("/console/instances/\(instance)")
            #expect(ended.status == .ok && ended.html.contains("cancelled") && !ended.html.contains("Cancel instance"))
        }
    }

    @Test func aRefusedUploadShowsItsDiagnosticsAndAGoodOneDeploys() async throws {
        try await RestHarness.make().run { rest in
            let browser = ConsoleBrowser(rest)
            _ = try await browser.get("/console")
            let refused = try await browser.postMultipart("/console/deploy", file: ("broken.bpmn", ConsoleFixtures.broken))
            #expect(refused.status == .badRequest)
            #expect(refused.html.contains("broken.bpmn was not deployed") && refused.html.contains("<td>4</td>") && refused.html.contains("dangling"), "\(refused.html)")
            let deployed = try await browser.postMultipart("/console/deploy", file: ("review.bpmn", ConsoleFixtures.review))
            #expect(deployed.status == .seeOther && deployed.location == "/console/processes/review", "\(deployed.html)")
        }
    }

    @Test func anInstanceStartsThroughItsStartFormAndNothingStartsWhileAFieldIsRefused() async throws {
        let model = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
              <process id="intake" name="Intake" isExecutable="true">
                <startEvent id="s"><extensionElements><camunda:formData>
                  <camunda:formField id="customer" label="Customer" type="string"><camunda:validation><camunda:constraint name="required" /></camunda:validation></camunda:formField>
                  <camunda:formField id="seats" label="Seats" type="long" defaultValue="3" />
                </camunda:formData></extensionElements></startEvent>
                <sequenceFlow id="f1" sourceRef="s" targetRef="review" /><userTask id="review" />
                <sequenceFlow id="f2" sourceRef="review" targetRef="e" /><endEvent id="e" />
              </process>
            </definitions>
            """
        try await RestHarness.make().run { rest in
            _ = try await rest.deploy([("intake.bpmn", model)])
            let browser = ConsoleBrowser(rest)
            #expect(try await browser.get("/console/processes/intake").html.contains("/console/processes/intake/start?version=1"))
            let form = try await browser.get("/console/processes/intake/start")
            #expect(form.status == .ok && form.html.contains("<h1>Start Intake v1</h1>") && form.html.contains(#"name="seats" inputmode="numeric" value="3""#))
            let refused = try await browser.post("/console/processes/intake/start", [("businessKey", "order-9"), ("customer", " "), ("seats", "3")])
            #expect(refused.status == .badRequest && refused.html.contains("Customer is required.") && refused.html.contains(#"value="order-9""#))
            #expect(try await rest.call(.get, "/engine-rest/process-instance/count")["count"] == .integer(0), "nothing was started")
            let started = try await browser.post("/console/processes/intake/start", [("businessKey", "order-9"), ("customer", "Acme"), ("seats", "4")])
            let location = try #require(started.location)
            #expect(started.status == .seeOther && location.hasPrefix("/console/instances/") && location.hasSuffix("?notice=started"))
            let instance = try #require(try await rest.call(.get, "/engine-rest/process-instance?businessKey=order-9").json?.arrayValue.first?["id"]?.stringValue)
            let variables = try await rest.call(.get, "/engine-rest/process-instance/\(instance)/variables")
            #expect(variables["customer"]?["value"] == .string("Acme") && variables["seats"]?["value"] == .integer(4))
            #expect(try await browser.get("/console/processes/intake/start?version=7").status == .notFound)

            // Suspending the version with its instances: neither starts nor moves until activated.
            _ = try await browser.get("/console/processes/intake")
            #expect(try await browser.post("/console/processes/intake/suspend", [("version", "1"), ("instances", "true")]).status == .seeOther)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)")["suspended"] == .bool(true))
            let suspendedPage = try await browser.get("/console/processes/intake")
            #expect(suspendedPage.html.contains("Version 1 is suspended") && suspendedPage.html.contains("Activate v1"))
            #expect(try await rest.call(.post, "/engine-rest/process-definition/key/intake/start", json: "{}").status != .ok, "a suspended version starts nothing")
            #expect(try await browser.post("/console/processes/intake/activate", [("version", "1"), ("instances", "true")]).status == .seeOther)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)")["suspended"] == .bool(false))
            _ = try await browser.get("/console/processes/intake")
            #expect(try await browser.post("/console/processes/intake/suspend", [("version", "3")]).status == .notFound)
        }
    }

    static let credentials: Credentials = {
        func hash(_ secret: String) -> String { Bcrypt.hash(secret, cost: 10) }
        return try! Credentials.parse(users: "ann:\(hash("ann-pw")):camunda-admin;bob:\(hash("bob-pw")):", tokens: nil, adminGroup: nil)
    }()

    @Test func signingInUsesTheAPIsUsersAndAnUnforgeableSession() async throws {
        try await RestHarness.make(credentials: Self.credentials).run { rest in
            let instance = try await Self.startReview(rest.as("ann", "ann-pw"))
            let browser = ConsoleBrowser(rest)
            let redirected = try await browser.get("/console/processes/review")
            #expect(redirected.status == .seeOther && redirected.location == "/console/sign-in?next=%2Fconsole%2Fprocesses%2Freview", "\(redirected.location ?? "")")
            #expect(try await rest.call(.get, "/engine-rest/task").status == .unauthorized, "the console's exemption is not the API's")
            _ = try await browser.get("/console/sign-in")
            let wrong = try await browser.post("/console/sign-in", [("user", "ann"), ("password", "guess")])
            #expect(wrong.status == .unauthorized && wrong.html.contains("wrong"))
            let signedIn = try await browser.post("/console/sign-in", [("user", "ann"), ("password", "ann-pw"), ("next", "//evil.example/")])
            #expect(signedIn.status == .seeOther && signedIn.location == "/console", "never off to another site")
            let dashboard = try await browser.get("/console")
            #expect(dashboard.status == .ok && dashboard.html.contains(#"<span class="user">ann</span>"#))
            #expect(try await browser.get("/console/instances/\(instance)").status == .ok)

            let genuine = try #require(browser.cookie)
            let value = genuine.dropFirst("baton_session=".count)
            let parts = value.split(separator: ".")
            let payload = try #require(Data(base64Encoded: Self.padded(String(parts[0]))))
            let forgedPayload = String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "\"ann\"", with: "\"bob\"")
            let forged = Data(forgedPayload.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            browser.setCookie("baton_session=\(forged).\(parts[1])")
            #expect(try await browser.get("/console").status == .seeOther, "a changed session is no session")
            browser.setCookie(genuine)
            _ = try await browser.get("/console")
            let signedOut = try await browser.post("/console/sign-out")
            #expect(signedOut.status == .seeOther && browser.cookie == nil)
            #expect(try await browser.get("/console").status == .seeOther)

            let bob = ConsoleBrowser(rest)
            _ = try await bob.get("/console/sign-in")
            #expect(try await bob.post("/console/sign-in", [("user", "bob"), ("password", "bob-pw")]).status == .seeOther)
            let bobsDashboard = try await bob.get("/console")
            #expect(bobsDashboard.status == .ok && bobsDashboard.html.contains("none you may see"), "no grant, no process")
            let refused = try await bob.get("/console/instances/\(instance)")
            #expect(refused.status == .forbidden && refused.html.contains("READ_INSTANCE"))
        }
    }

    /// Servers behind one load balancer share BATON_CONSOLE_SECRET: a session one signed is good
    /// on the others, and worthless on a server with another key.
    @Test func serversSharingTheConsoleSecretAcceptEachOthersSessions() async throws {
        var first = try await RestHarness.make(credentials: Self.credentials)
        first.consoleSecret = "the secret every node of this deployment shares"
        let second = first
        var other = first
        other.consoleSecret = "another deployment's secret"
        let stranger = other
        try await first.run { restA in
            try await second.run { restB in
                try await stranger.run { restC in
                    let browser = ConsoleBrowser(restA)
                    _ = try await browser.get("/console/sign-in")
                    #expect(try await browser.post("/console/sign-in", [("user", "ann"), ("password", "ann-pw")]).status == .seeOther)
                    let session = try #require(browser.cookie)
                    let onSecond = ConsoleBrowser(restB)
                    onSecond.setCookie(session)
                    #expect(try await onSecond.get("/console").status == .ok)
                    let onStranger = ConsoleBrowser(restC)
                    onStranger.setCookie(session)
                    #expect(try await onStranger.get("/console").status == .seeOther)
                }
            }
        }
    }

    static func padded(_ base64URL: String) -> String {
        var text = base64URL.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return text
    }
}
