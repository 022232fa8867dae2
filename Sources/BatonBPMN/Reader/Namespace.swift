/// The XML namespaces Baton reads; prefixes are whatever the file binds to these URIs.
///
/// An enum rather than URI strings so that every namespace test while walking a large file is an
/// integer comparison; the URI is compared once per distinct libxml2-interned string.
enum Namespace: UInt8 {
    case none
    case bpmn
    case bpmnDI
    case dc
    case di
    case camunda
    case other

    var uri: String? {
        switch self {
        case .bpmn: "http://www.omg.org/spec/BPMN/20100524/MODEL"
        case .bpmnDI: "http://www.omg.org/spec/BPMN/20100524/DI"
        case .dc: "http://www.omg.org/spec/DD/20100524/DC"
        case .di: "http://www.omg.org/spec/DD/20100524/DI"
        case .camunda: "http://camunda.org/schema/1.0/bpmn"
        case .none, .other: nil
        }
    }

    init(uri: String?) {
        guard let uri else {
            self = .none
            return
        }
        self = [.bpmn, .bpmnDI, .dc, .di, .camunda].first { $0.uri == uri } ?? .other
    }
}
