import BatonServer
import Testing

@Suite struct StartupPagesTests {
    /// An abridged `/proc/PID/smaps` of a served Baton: its binary's read-only data, code,
    /// relocated data (read-only again, but copied), writable data, and a shared library.
    static let smaps = """
        558b16a32000-558b17237000 r--p 00000000 fe:01 1234                       /opt/baton bin/baton
        Size:               8212 kB
        Rss:                1428 kB
        Anonymous:             0 kB
        VmFlags: rd mr mw me dw sd
        558b17237000-558b19095000 r-xp 00804000 fe:01 1234                       /opt/baton bin/baton
        Size:              30072 kB
        Rss:               11868 kB
        Anonymous:             0 kB
        VmFlags: rd ex mr mw me dw sd
        558b19095000-558b191be000 r--p 02661000 fe:01 1234                       /opt/baton bin/baton
        Rss:                1188 kB
        Anonymous:          1188 kB
        558b191be000-558b1b786000 rw-p 02789000 fe:01 1234                       /opt/baton bin/baton
        Rss:                3728 kB
        Anonymous:           492 kB
        7f3a00000000-7f3a00200000 r-xp 00000000 fe:01 99                         /usr/lib/x86_64-linux-gnu/libc.so.6
        Anonymous:             0 kB
        7f3a10000000-7f3a10021000 rw-p 00000000 00:00 0
        Anonymous:           132 kB
        """

    @Test func onlyTheBinarysUncopiedReadOnlyMappingsAreReleased() {
        let mappings = StartupPages.releasable(smaps: Self.smaps, executable: "/opt/baton bin/baton")
        #expect(mappings == [
            .init(start: 0x558b_16a3_2000, end: 0x558b_1723_7000),
            .init(start: 0x558b_1723_7000, end: 0x558b_1909_5000),
        ])
    }

    @Test func aMappingOfAnotherFileIsNeverReleased() {
        #expect(StartupPages.releasable(smaps: Self.smaps, executable: "/usr/local/bin/baton").isEmpty)
    }

    #if os(Linux)
    @Test func theRunningBinarysPagesAreAdvised() {
        // The test binary's own code: found through /proc/self, advised, and run again on its
        // next use (this test goes on running).
        #expect(StartupPages.release() > 0)
    }
    #endif
}
