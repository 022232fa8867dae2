/// How long an outbox row waits after its `attempts`-th failed attempt (a signal delivery, a
/// webhook alert): 2 s, then doubling, at most an hour.
public enum RetryPause {
    public static func seconds(afterAttempt attempts: Int) -> Int { min(3_600, 1 << min(max(attempts, 1), 12)) }
}
