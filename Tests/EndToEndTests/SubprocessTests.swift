import Testing

/// The tests that run `baton` or another program as a child process, one at a time. Each starts
/// servers of its own (an embedded PostgreSQL with `initdb`, a browser, a fuzzer's thousands of
/// requests); run side by side on two cores they starve every other test's HTTP server of CPU
/// for longer than its client's 20 s read timeout. Beside the other targets' tests they still run.
@Suite(.serialized) enum SubprocessTests {}
