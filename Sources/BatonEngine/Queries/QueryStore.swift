import BatonCore
import BatonModel

/// The query side of a store: every list and count the API offers. PostgreSQL answers each with
/// one SQL statement over indexed read-model tables; the memory store filters its rows. Both
/// return the same rows in the same order for the same data.
public protocol QueryStore: Sendable {
    func list(_ query: TaskQuery, page: Page) async throws -> [TaskInfo]
    func count(_ query: TaskQuery) async throws -> Int
    /// The open tasks of `query` per candidate group, by group id; tasks offered to no group
    /// are counted under nil, last (Camunda's candidate-group report).
    func candidateGroupCounts(_ query: TaskQuery) async throws -> [CandidateGroupCount]
    func list(_ query: ProcessInstanceQuery, page: Page) async throws -> [ProcessInstanceInfo]
    func count(_ query: ProcessInstanceQuery) async throws -> Int
    func list(_ query: JobQuery, page: Page) async throws -> [JobInfo]
    func count(_ query: JobQuery) async throws -> Int
    func list(_ query: VariableInstanceQuery, page: Page) async throws -> [VariableInstanceInfo]
    func count(_ query: VariableInstanceQuery) async throws -> Int
    func list(_ query: EventSubscriptionQuery, page: Page) async throws -> [EventSubscriptionInfo]
    func count(_ query: EventSubscriptionQuery) async throws -> Int
    func list(_ query: IncidentQuery, page: Page) async throws -> [HistoricIncident]
    func count(_ query: IncidentQuery) async throws -> Int
    func list(_ query: HistoricActivityInstanceQuery, page: Page) async throws -> [HistoricActivityInstance]
    func count(_ query: HistoricActivityInstanceQuery) async throws -> Int
    func list(_ query: HistoricTaskInstanceQuery, page: Page) async throws -> [HistoricTaskInstance]
    func count(_ query: HistoricTaskInstanceQuery) async throws -> Int
    func list(_ query: HistoricVariableInstanceQuery, page: Page) async throws -> [HistoricVariableInstance]
    func count(_ query: HistoricVariableInstanceQuery) async throws -> Int
    /// Per definition: its running instances, and its open incidents by type (with how many of
    /// them a failed job raised).
    func definitionStatistics() async throws -> [DefinitionStatistics]
    /// Per activity of definition `definitionID`: its running activity instances (not counting a
    /// multi-instance body beside its inner instances), and its open incidents by type.
    func activityStatistics(definitionID: String) async throws -> [ActivityStatistics]
    /// How the instances of the query's definitions fared in its window (`/api/analytics`).
    func analytics(_ query: AnalyticsQuery) async throws -> ProcessAnalytics
}

/// What `/process-definition/{id}/statistics` reports for one activity.
public struct ActivityStatistics: Hashable, Sendable {
    public var activityID: String
    public var instances: Int
    public var openIncidents: [DefinitionStatistics.IncidentCount]

    public init(activityID: String, instances: Int, openIncidents: [DefinitionStatistics.IncidentCount]) {
        self.activityID = activityID
        self.instances = instances
        self.openIncidents = openIncidents
    }
}

/// What `/process-definition/statistics` reports for one definition version.
public struct DefinitionStatistics: Hashable, Sendable {
    public var definitionID: String
    public var runningInstances: Int
    public var openIncidents: [IncidentCount]

    public struct IncidentCount: Hashable, Sendable {
        public var kind: String
        public var count: Int
        /// Incidents of failed jobs (Camunda's `failedJobs`, which counts no external task).
        public var failedJobs: Int

        public init(kind: String, count: Int, failedJobs: Int) {
            self.kind = kind
            self.count = count
            self.failedJobs = failedJobs
        }
    }

    public init(definitionID: String, runningInstances: Int, openIncidents: [IncidentCount]) {
        self.definitionID = definitionID
        self.runningInstances = runningInstances
        self.openIncidents = openIncidents
    }
}

/// One line of the candidate-group report: a group (nil: no group) and its open tasks.
public struct CandidateGroupCount: Hashable, Sendable {
    public var group: String?
    public var tasks: Int

    public init(group: String?, tasks: Int) {
        self.group = group
        self.tasks = tasks
    }
}
