import BatonModel

/// A saved task filter (Camunda's `/filter`): a task query kept as Camunda's JSON, run with the
/// caller's own identity each time it is executed, and free properties for the task list
/// (colour, priority, description). Its owner may always read, change and delete it.
public struct FilterRecord: Hashable, Sendable {
    public var id: String
    /// Camunda's resource type: always `Task` (Camunda defines no other).
    public var resourceType: String
    public var name: String
    public var owner: String?
    /// The task query, as the body of `POST /task` holds it.
    public var query: JSONValue
    public var properties: JSONValue

    public init(id: String, resourceType: String = "Task", name: String, owner: String?, query: JSONValue, properties: JSONValue) {
        self.id = id
        self.resourceType = resourceType
        self.name = name
        self.owner = owner
        self.query = query
        self.properties = properties
    }
}
