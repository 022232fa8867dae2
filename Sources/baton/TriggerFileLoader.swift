import BatonAdapters
import BatonModel
import Foundation

/// `*.triggers.json` beside the BPMN files `serve` deploys: data-event triggers that ship with
/// their process. A file holds one trigger (an object with its `name`) or an array of them.
enum TriggerFileLoader {
    /// The trigger files directly inside `directory`, in name order.
    static func files(in directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return entries.filter { $0.hasSuffix(".triggers.json") }.sorted().map { base + $0 }
    }

    /// The triggers `path` defines; an unreadable or wrong file is a ``CommandFailure`` naming it.
    static func triggers(in path: String) throws -> [EventTrigger] {
        guard let data = FileManager.default.contents(atPath: path), let json = JSONText.parse(String(decoding: data, as: UTF8.self)) else {
            throw CommandFailure("\(path): error: Expected a JSON object or array of event triggers, but it cannot be read as JSON.")
        }
        let items: [JSONValue]
        if case .array(let array) = json { items = array } else { items = [json] }
        return try items.enumerated().map { index, item in
            guard case .string(let name)? = item["name"] else {
                throw CommandFailure("\(path): error: Expected trigger \(index + 1) to have a \"name\", but it has none.")
            }
            do { return try EventTrigger(name: name, json: item) } catch let error as EventTriggerError {
                throw CommandFailure("\(path): error: trigger '\(name)': \(error.message)")
            }
        }
    }
}
