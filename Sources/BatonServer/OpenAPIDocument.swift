/// The OpenAPI 3.1 document of what Baton offers of Camunda 7's REST API, served at
/// `/engine-rest/openapi.json`. It is `Resources/openapi.json`, compiled into the binary by the
/// EmbedFiles plugin so a copied `baton` never lacks it. Tests hold routes and responses to it
/// (OpenAPICompletenessTests, OpenAPIConformanceTests, OpenAPIFuzzTests).
enum OpenAPIDocument {
    static let json: String = {
        guard let text = EmbeddedFiles.texts["Resources/openapi.json"] else {
            preconditionFailure("Resources/openapi.json was not embedded: the EmbedFiles plugin did not run for BatonServer.")
        }
        return text
    }()
}
