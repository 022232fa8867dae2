/// The Camunda settings of a `userTask`: who may work on it, when it is due, and its form.
///
/// Assignment attributes are templates: `${submittedBy}` is evaluated when the task is created.
/// `candidateUsers` and `candidateGroups` are comma-separated lists in the XML; each entry is one
/// template here, and an entry may evaluate to a list.
public struct UserTaskDefinition: Hashable, Sendable {
    public var assignee: Template?
    public var candidateUsers: [Template] = []
    public var candidateGroups: [Template] = []
    public var dueDate: Template?
    public var followUpDate: Template?
    public var priority: Template?
    /// `camunda:formKey`, evaluated when the task is created (`${formKeyOf(plan)}` as well as `embedded:app:forms/review.html`).
    public var formKey: Template?
    /// The task's `<documentation>`, evaluated when the task is created, as Camunda sets a task's description.
    public var description: Template?
    public var formFields: [FormField] = []

    public init() {}
}

/// A `camunda:formField` of a user task or start event.
public struct FormField: Hashable, Sendable {
    public struct Constraint: Hashable, Sendable {
        public var name: String
        public var config: String?
        public init(name: String, config: String?) {
            self.name = name
            self.config = config
        }
    }

    public struct EnumValue: Hashable, Sendable {
        public var id: String
        public var name: String?
        public init(id: String, name: String?) {
            self.id = id
            self.name = name
        }
    }

    public var id: String
    public var label: String?
    /// `string`, `long`, `boolean`, `date`, `enum`, or a custom type name.
    public var type: String?
    public var defaultValue: Template?
    public var datePattern: String?
    public var constraints: [Constraint] = []
    public var enumValues: [EnumValue] = []
    public var properties: [Property] = []

    public init(id: String, label: String?, type: String?) {
        self.id = id
        self.label = label
        self.type = type
    }
}

/// A `camunda:property` name/value pair.
public struct Property: Hashable, Sendable {
    public var name: String
    public var value: String?
    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}
