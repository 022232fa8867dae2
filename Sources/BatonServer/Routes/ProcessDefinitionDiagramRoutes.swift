import BatonBPMN
import BatonDiagram
import BatonEngine
import Hummingbird

/// `GET /process-definition/{id}/diagram` (and by key): the version's diagram as an image.
/// Camunda answers an image deployed beside the BPMN file; Baton draws one from the file's
/// diagram interchange, as its console does, with the styles inside. A file without a diagram
/// answers 204, as Camunda does when no image was deployed.
extension EngineRestAPI {
    func registerProcessDefinitionDiagrams(on group: RouterGroup<BatonRequestContext>) {
        for (path, byKey) in [("process-definition/:id", false)] + Self.keyPaths.map({ ($0, true) }) {
            group.get(RouterPath(path + "/diagram")) { request, context in
                _ = try QueryParameters(request, allowed: [])
                let id = byKey ? try await latest(context).id : try context.pathParameter("id")
                let (definition, bytes) = try await runtime.processDefinition(id)
                try await access(context).require("READ", processKey: definition.key)
                guard let definitions = BPMNReader.read(bytes, file: definition.resourceName).definitions,
                    let svg = DiagramRenderer.svg(definitions, title: definition.name ?? definition.key, standalone: true)
                else { return JSONResponse.noContent() }
                return Self.attachment(Array(svg.utf8), contentType: "image/svg+xml", filename: nil)
            }
        }
    }
}
