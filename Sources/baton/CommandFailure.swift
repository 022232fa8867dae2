/// A command that ran and failed (as opposed to a usage error): printed, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
