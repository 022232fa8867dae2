import Testing

@testable import BatonEngine

/// The memory store's undo of one table: whatever a command did to it, a rollback leaves the
/// table as it was before the command.
@Suite struct MemoryRowsUndoTests {
    @Test func aRowChangedTwiceIsPutBackAsItWasBeforeTheFirstChange() {
        var rows = ["a": 1, "b": 2]
        var undo = TableUndo<Int>()
        undo.set(10, at: "a", in: &rows)
        undo.set(11, at: "a", in: &rows)
        undo.set(nil, at: "b", in: &rows)
        undo.set(3, at: "c", in: &rows)
        undo.set(nil, at: "c", in: &rows)
        #expect(rows == ["a": 11])
        undo.revert(&rows)
        #expect(rows == ["a": 1, "b": 2])
    }

    @Test func aChangeToEveryRowAfterSomeRowsChangedStillPutsBackTheOriginal() {
        var rows = ["a": 1, "b": 2]
        var undo = TableUndo<Int>()
        undo.set(10, at: "a", in: &rows)
        undo.set(5, at: "e", in: &rows)
        undo.keepWhole(rows)
        rows.removeAll()
        undo.set(7, at: "z", in: &rows)
        undo.revert(&rows)
        #expect(rows == ["a": 1, "b": 2])
    }
}
