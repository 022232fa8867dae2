import BatonBPMN
import BatonModel

/// The `baton inspect` view of a file: processes with every flow node (at every depth) and every
/// sequence flow, plus the file's diagnostics.
struct InspectReport: Encodable {
    struct Process: Encodable {
        var id: String
        var name: String?
        var isExecutable: Bool
        var elements: [Element]
        var sequenceFlows: [Flow]

        enum CodingKeys: String, CodingKey { case id, name, isExecutable, elements, sequenceFlows }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(isExecutable, forKey: .isExecutable)
            try container.encode(elements, forKey: .elements)
            try container.encode(sequenceFlows, forKey: .sequenceFlows)
        }
    }

    struct Element: Encodable {
        var id: String
        var type: String
        var name: String?
        var parent: String?

        enum CodingKeys: String, CodingKey { case id, type, name, parent }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(type, forKey: .type)
            try container.encode(name, forKey: .name)
            try container.encode(parent, forKey: .parent)
        }
    }

    struct Flow: Encodable {
        var id: String
        var source: String
        var target: String
        var condition: String?

        enum CodingKeys: String, CodingKey { case id, source, target, condition }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(source, forKey: .source)
            try container.encode(target, forKey: .target)
            try container.encode(condition, forKey: .condition)
        }
    }

    var processes: [Process]
    var diagnostics: [DiagnosticJSON]

    init(_ document: BPMNDocument) {
        processes = (document.definitions?.processes ?? []).map { process in
            Process(
                id: process.id.rawValue, name: process.name, isExecutable: process.isExecutable,
                elements: process.flowNodes.map {
                    Element(id: $0.id.rawValue, type: $0.kind.elementName, name: $0.name, parent: $0.parent?.rawValue)
                },
                sequenceFlows: process.sequenceFlows.map {
                    Flow(id: $0.id.rawValue, source: $0.source.rawValue, target: $0.target.rawValue, condition: $0.condition?.source)
                })
        }
        diagnostics = document.diagnostics.map(DiagnosticJSON.init)
    }

    /// A readable outline: one line per process, indented flow nodes, then the flows.
    var text: String {
        var out = ""
        for process in processes {
            out += "process \(process.id)\(process.name.map { " \"\($0)\"" } ?? "")\(process.isExecutable ? "" : " (not executable)")\n"
            var depth: [String: Int] = [:]
            for element in process.elements {
                let level = element.parent.map { (depth[$0] ?? 0) + 1 } ?? 1
                depth[element.id] = level
                out += String(repeating: "  ", count: level) + "\(element.type) \(element.id)\(element.name.map { " \"\($0)\"" } ?? "")\n"
            }
            for flow in process.sequenceFlows {
                out += "  flow \(flow.id): \(flow.source) -> \(flow.target)\(flow.condition.map { " when \($0)" } ?? "")\n"
            }
        }
        return out
    }
}
