import BatonModel
import Testing

/// Base64 as RFC 4648 defines it, for Bytes and File variables.
@Suite struct Base64Tests {
    @Test func theRFCsVectorsEncodeAndDecode() {
        for (plain, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")] {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func everyByteRoundTripsAndLineBreaksAreSkipped() {
        let all = (0...255).map(UInt8.init)
        for length in [0, 1, 2, 3, 4, 255, 256] {
            let bytes = Array(all.prefix(length))
            #expect(Base64.decode(Base64.encode(bytes)) == bytes, "\(length) bytes")
        }
        #expect(Base64.decode("Zm9v\r\nYmFy") == Array("foobar".utf8))
    }

    @Test func textThatIsNoBase64IsRefused() {
        for text in ["Zm9", "Z", "Zm9v!", "Zg==Zg==", "Zg===", "=Zg=", "Zm 9v"] {
            #expect(Base64.decode(text) == nil, "\(text)")
        }
    }
}
