import Foundation

/// Writes to standard output or standard error without buffering surprises between the two.
struct FileOutput {
    let handle: FileHandle

    static let standardOutput = FileOutput(handle: .standardOutput)
    static let standardError = FileOutput(handle: .standardError)

    func write(_ text: String) {
        handle.write(Data(text.utf8))
    }
}
