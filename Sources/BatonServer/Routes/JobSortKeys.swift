import BatonEngine

/// `GET /job`'s sort keys, as Camunda names them.
enum JobSortKey: String, CaseIterable, Hashable, Sendable {
    case jobId, executionId, jobDueDate, jobRetries, processInstanceId, processDefinitionId, jobPriority, tenantId

    var rowKey: JobInfo.SortKey {
        switch self {
        case .jobId: .jobId
        case .jobDueDate: .jobDueDate
        case .jobRetries: .jobRetries
        case .processInstanceId, .executionId: .processInstanceId
        case .processDefinitionId: .processDefinitionId
        case .jobPriority: .jobPriority
        case .tenantId: .tenantId
        }
    }
}

/// `GET /external-task`'s sort keys, as Camunda names them.
enum ExternalTaskSortKey: String, CaseIterable, Hashable, Sendable {
    case id, lockExpirationTime, processInstanceId, processDefinitionId, taskPriority, createTime, tenantId

    var rowKey: JobInfo.SortKey {
        switch self {
        case .id: .jobId
        case .processInstanceId: .processInstanceId
        case .processDefinitionId: .processDefinitionId
        case .taskPriority: .jobPriority
        case .createTime: .createTime
        case .lockExpirationTime: .lockExpirationTime
        case .tenantId: .tenantId
        }
    }
}

extension QueryParameters {
    /// `sortBy`/`sortOrder` in an endpoint's own key names, as the job rows' keys.
    func jobSorting<Key>(_ rowKey: (Key) -> JobInfo.SortKey) throws -> [Sorting<JobInfo.SortKey>]
    where Key: RawRepresentable & CaseIterable & Hashable & Sendable, Key.RawValue == String {
        try sorting([Sorting<Key>]()).map { Sorting(rowKey($0.key), ascending: $0.ascending) }
    }

    /// Camunda's `priorityHigherThanOrEquals` / `priorityLowerThanOrEquals`.
    func priorityRange(into query: inout JobQuery) throws {
        query.priorityAtLeast = try integer("priorityHigherThanOrEquals").map(Int64.init)
        query.priorityAtMost = try integer("priorityLowerThanOrEquals").map(Int64.init)
    }
}
