/// The user a request acts for, as the server authenticated it: `authenticatedUserId` in the
/// expressions of the commands it runs. Task-local, so it follows the request into the runtime
/// without every call carrying it; the job worker runs for nobody.
public enum AuthenticatedUser {
    @TaskLocal public static var id: String?
}
