import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Camunda's external task priority (`camunda:taskPriority` on the task, or on its process for
/// every task that names none; an expression is evaluated when the task is created) and its
/// creation time, in lists, filters, sorting and fetchAndLock's order, alike on both stores.
@Suite struct ExternalTaskPriorityTests {
    @Test(arguments: TestBackend.allCases) func prioritiesOrderListsAndFetching(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(ExternalTaskPriorityModel.bpmn)
        for priority in [1, 20, 10] {
            test.clock.advance(by: "PT1S")
            _ = try await test.start("work", ["priority": .long(Int64(priority))])
        }
        let all = try await test.runtime.jobs(JobQuery(kinds: [.external], sorting: [Sorting(.jobPriority, ascending: false), Sorting(.createTime)]))
        #expect(all.map(\.priority) == [20, 10, 5, 5, 5, 1])
        #expect(all.compactMap(\.createTime).count == 6, "each knows when it was created")
        #expect(all.filter { $0.priority == 5 }.map(\.createTime) == all.filter { $0.priority == 5 }.map(\.createTime).sorted { $0! < $1! })
        var atLeast = JobQuery(kinds: [.external]), atMost = JobQuery(kinds: [.external])
        atLeast.priorityAtLeast = 10
        atMost.priorityAtMost = 5
        #expect(try await test.runtime.count(atLeast) == 2)
        #expect(try await test.runtime.count(atMost) == 4)

        let topics = [FetchTopic(name: "jobs", lockDuration: 60_000)]
        let first = try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 2, topics: topics, order: ExternalTaskFetchOrder(usePriority: true))
        #expect(first.map(\.priority) == [20, 10], "the highest first")
        let newest = try await test.runtime.fetchAndLock(
            workerID: "w", maxTasks: 1, topics: topics, order: ExternalTaskFetchOrder(createTimeAscending: false))
        let created = all.filter { !first.map(\.id).contains($0.id) }.map(\.createTime)
        #expect(newest.first?.createTime == created.compactMap { $0 }.max(), "the newest of the rest")
        let rest = try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 5, topics: topics)
        #expect(rest.map(\.priority).sorted() == [1, 5, 5])
    }
}
