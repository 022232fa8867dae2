/// The XML namespaces a BPMN file uses; prefixes are whatever the file binds to these URIs.
enum Namespace {
    static let bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL"
    static let bpmnDI = "http://www.omg.org/spec/BPMN/20100524/DI"
    static let dc = "http://www.omg.org/spec/DD/20100524/DC"
    static let di = "http://www.omg.org/spec/DD/20100524/DI"
    static let camunda = "http://camunda.org/schema/1.0/bpmn"
}
