import BatonEngine
import BatonModel
import Hummingbird

/// `/filter`: saved task filters, as Tasklist lists and runs them. A filter's query is the body
/// `POST /task` takes, checked when it is saved; running it (`/filter/{id}/list`, `count`,
/// `singleResult`) runs that query for the caller, who sees only the tasks they may see, with
/// a POST body's query laid over the saved one. As in Camunda, a saved query may name the caller
/// by `${currentUser()}` and their groups by `${currentUserGroups()}` in a parameter ending in
/// `Expression`; Baton evaluates those two functions and refuses any other expression.
///
/// Rights: CREATE on Filter to save one; READ, UPDATE or DELETE on it (by id or `*`) to see,
/// change or delete it, which its owner always may.
extension EngineRestAPI {
    func registerFilters(on group: RouterGroup<BatonRequestContext>) {
        let listParameters: Set<String> = ["filterId", "resourceType", "name", "nameLike", "owner"]
        @Sendable func listed(_ query: QueryParameters, _ context: BatonRequestContext) async throws -> [FilterRecord] {
            let access = try await access(context)
            let filters = try await runtime.filters().filter { filter in
                allows("READ", filter, access, context) && (query.string("filterId").map { $0 == filter.id } ?? true)
                    && (query.string("resourceType").map { $0 == filter.resourceType } ?? true)
                    && (query.string("name").map { $0 == filter.name } ?? true) && (query.string("nameLike").map { likeMatches(filter.name, $0) } ?? true)
                    && (query.string("owner").map { $0 == filter.owner } ?? true)
            }
            enum SortKey: String, CaseIterable, Hashable, Sendable { case filterId, resourceType, name, owner }
            return sorted(filters, by: try query.sorting([Sorting<SortKey>]())) { key, filter in
                switch key {
                case .filterId: .text(filter.id)
                case .resourceType: .text(filter.resourceType)
                case .name: .text(filter.name)
                case .owner: .text(filter.owner)
                }
            }
        }
        group.get("filter") { request, context in
            let query = try QueryParameters(request, allowed: listParameters.union(["itemCount", "sortBy", "sortOrder", "firstResult", "maxResults"]))
            let itemCount = try query.bool("itemCount") == true
            var items: [JSONValue] = []
            for filter in try page(try await listed(query, context), query) { items.append(try await json(filter, itemCount: itemCount, context)) }
            return JSONResponse.make(.array(items))
        }
        group.get("filter/count") { request, context in
            JSONResponse.count(try await listed(try QueryParameters(request, allowed: listParameters), context).count)
        }
        group.on("filter", method: .options) { request, context in
            _ = try QueryParameters(request, allowed: [])
            let base = request.uri.path
            var links = [ResourceLink(.get, base, "list"), ResourceLink(.get, base + "/count", "count")]
            if try await access(context).caller?.allows("CREATE", on: .filter, "*") ?? true { links.append(ResourceLink(.post, base + "/create", "create")) }
            return ResourceLink.options(links)
        }
        group.post("filter/create") { request, context in
            try await access(context).require("CREATE", on: .filter)
            let (name, owner, query, properties) = try await saved(try await body(request, context), context)
            let filter = try await runtime.createFilter(name: name, owner: owner, query: query, properties: properties)
            return JSONResponse.make(try await json(filter, itemCount: false, context))
        }
        group.get("filter/:id") { request, context in
            let query = try QueryParameters(request, allowed: ["itemCount"])
            let filter = try await permitted("READ", context)
            return JSONResponse.make(try await json(filter, itemCount: try query.bool("itemCount") == true, context))
        }
        group.put("filter/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            var filter = try await permitted("UPDATE", context)
            (filter.name, filter.owner, filter.query, filter.properties) = try await saved(try await body(request, context), context)
            try await runtime.updateFilter(filter)
            return JSONResponse.noContent()
        }
        group.delete("filter/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            try await runtime.deleteFilter(try await permitted("DELETE", context).id)
            return JSONResponse.noContent()
        }
        group.on("filter/:id", method: .options) { request, context in
            _ = try QueryParameters(request, allowed: [])
            let filter = try await runtime.filter(try context.pathParameter("id"))
            let access = try await access(context)
            let base = request.uri.path
            var links: [ResourceLink] = []
            if allows("READ", filter, access, context) {
                links += [ResourceLink(.get, base, "self"), ResourceLink(.get, base + "/singleResult", "singleResult"),
                          ResourceLink(.get, base + "/list", "list"), ResourceLink(.get, base + "/count", "count")]
            }
            if allows("DELETE", filter, access, context) { links.append(ResourceLink(.delete, base, "delete")) }
            if allows("UPDATE", filter, access, context) { links.append(ResourceLink(.put, base, "update")) }
            return ResourceLink.options(links)
        }
        registerFilterExecution(on: group)
    }

    /// `list`, `count` and `singleResult`, each by GET (the saved query) or POST (a query laid over it).
    private func registerFilterExecution(on group: RouterGroup<BatonRequestContext>) {
        for post in [false, true] {
            @Sendable func query(_ request: Request, _ context: BatonRequestContext, paging: Bool) async throws -> QueryParameters {
                // The URL's parameters first: a bad request is a 400 whatever it names.
                _ = try QueryParameters(request, allowed: paging ? ["firstResult", "maxResults"] : [])
                let filter = try await permitted("READ", context)
                let extending = post ? try await body(request, context, query: paging ? ["firstResult", "maxResults"] : []).value : .object([])
                return try await taskParameters(Self.merged(filter.query, extending), context)
            }
            let method: HTTPRequest.Method = post ? .post : .get
            group.on("filter/:id/list", method: method) { request, context in
                let parameters = try await query(request, context, paging: true)
                return try await taskList(parameters, page: try QueryParameters(request, allowed: ["firstResult", "maxResults"]).page(), context)
            }
            group.on("filter/:id/count", method: method) { request, context in
                JSONResponse.count(try await runtime.count(try await taskQuery(try await query(request, context, paging: false), context)))
            }
            group.on("filter/:id/singleResult", method: method) { request, context in
                let tasks = try await runtime.tasks(try await taskQuery(try await query(request, context, paging: false), context), page: Page(maxResults: 2))
                guard let task = tasks.first else { return JSONResponse.noContent() }
                guard tasks.count == 1 else { throw RestError.invalid("Query return more than one result instead of max 1: the filter's query finds several tasks.") }
                return JSONResponse.make(Self.json(task))
            }
        }
    }

    /// The filter named in the path, if the caller holds `permission` on it (or owns it).
    private func permitted(_ permission: String, _ context: BatonRequestContext) async throws -> FilterRecord {
        let filter = try await runtime.filter(try context.pathParameter("id"))
        let access = try await access(context)
        if !allows(permission, filter, access, context) { try access.require(permission, on: .filter, filter.id) }
        return filter
    }

    private func allows(_ permission: String, _ filter: FilterRecord, _ access: Access, _ context: BatonRequestContext) -> Bool {
        guard let caller = access.caller else { return true }
        return (filter.owner != nil && filter.owner == context.identity?.userID) || caller.allows(permission, on: .filter, filter.id)
    }

    /// A create or update body: `{resourceType, name, owner, query, properties}`, its query
    /// checked as a task query (expressions evaluated for the caller).
    private func saved(_ body: JSONBody, _ context: BatonRequestContext) async throws -> (String, String?, JSONValue, JSONValue) {
        try body.allowOnly(["id", "resourceType", "name", "owner", "query", "properties", "itemCount"])
        if let type = try body.string("resourceType"), type != "Task" {
            throw RestError.invalid("Baton saves filters of resource type Task only, but resourceType is '\(type)'.")
        }
        guard let name = try body.string("name"), !name.isEmpty else { throw RestError.invalid("Expected 'name': a filter needs a name.") }
        let query = try body.object("query")?.value ?? .object([])
        let properties = try body.object("properties")?.value ?? .object([])
        _ = try await taskQuery(try await taskParameters(query, context), context)
        return (name, try body.string("owner"), query, properties)
    }

    /// A saved query as `/task`'s parameters, with its expressions evaluated for the caller.
    private func taskParameters(_ query: JSONValue, _ context: BatonRequestContext) async throws -> QueryParameters {
        guard case .object(let members) = query else { throw RestError.invalid("Expected the filter's query to be a JSON object.") }
        var resolved: [JSONValue.Member] = []
        for member in members {
            guard member.key.hasSuffix("Expression"), member.key != "Expression" else {
                resolved.append(member)
                continue
            }
            let name = String(member.key.dropLast("Expression".count))
            guard case .string(let expression) = member.value else { throw RestError.invalid("Expected '\(member.key)' to be an expression such as ${currentUser()}.") }
            let compact = expression.filter { !$0.isWhitespace }
            let delimited = (compact.hasPrefix("${") || compact.hasPrefix("#{")) && compact.hasSuffix("}")
            let function = delimited ? String(compact.dropFirst(2).dropLast()) : ""
            guard ["currentUser()", "currentUserGroups()"].contains(function), Self.taskQueryParameters.contains(name) else {
                throw RestError.invalid(
                    "Baton evaluates ${currentUser()} and ${currentUserGroups()} in a filter's '…Expression' parameters, but '\(member.key)' is '\(expression)'.")
            }
            let user = context.identity?.userID
            if function == "currentUser()" {
                if let user { resolved.append(.init(name, .string(user))) }
            } else {
                guard name == "candidateGroups" else {
                    throw RestError.invalid("${currentUserGroups()} is a list of groups; it fits 'candidateGroupsExpression', not '\(member.key)'.")
                }
                var groups: [String] = []
                if let user { groups = try await runtime.groupIDs(ofUser: user) }
                resolved.append(.init(name, .array(groups.map(JSONValue.string))))
            }
        }
        return try QueryParameters(body: JSONBody(value: .object(resolved), path: "query"), allowed: Self.taskQueryParameters)
    }

    /// The saved query with `extending` laid over it: its members replace the saved ones, but
    /// variable conditions are added to the saved ones, as Camunda extends a filter's query.
    static func merged(_ saved: JSONValue, _ extending: JSONValue) -> JSONValue {
        guard case .object(var members) = saved, case .object(let extra) = extending else { return saved }
        for member in extra {
            if let index = members.firstIndex(where: { $0.key == member.key }) {
                if ["processVariables", "taskVariables"].contains(member.key), case .array(let old) = members[index].value, case .array(let new) = member.value {
                    members[index] = .init(member.key, .array(old + new))
                } else {
                    members[index] = member
                }
            } else {
                members.append(member)
            }
        }
        return .object(members)
    }

    private func json(_ filter: FilterRecord, itemCount: Bool, _ context: BatonRequestContext) async throws -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("id", .string(filter.id)), .init("resourceType", .string(filter.resourceType)), .init("name", .string(filter.name)),
            .init("owner", .orNull(filter.owner)), .init("query", filter.query), .init("properties", filter.properties),
        ]
        if itemCount {
            members.append(.init("itemCount", .integer(Int64(try await runtime.count(try await taskQuery(try await taskParameters(filter.query, context), context))))))
        }
        return .object(members)
    }
}
