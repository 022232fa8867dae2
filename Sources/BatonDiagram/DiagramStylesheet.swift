/// The CSS for the classes the SVG uses: a light theme, state colours and the heat scale.
///
/// Served by the console as a file, because its Content-Security-Policy allows no inline styles.
/// Font sizes must match ``TextLayout``'s metrics, which wrap names by estimated width.
enum DiagramStylesheet {
    /// Pale yellow to deep red, one colour per tenth of the heat level.
    static let heatFills = [
        "#fff9d6", "#ffefa8", "#fee17e", "#fec85a", "#fdab45", "#fc8a3a", "#f46532", "#e4432b", "#c92a24", "#a3161f",
    ]

    static let css: String = base + states + heat + badges

    private static let base = """
        /* Baton diagram: BPMN DI rendered as SVG (BatonDiagram). */
        .baton-diagram { display: block; width: 100%; height: auto; max-width: 100%; background: #ffffff;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        .baton-diagram .bpmn-shape { fill: #ffffff; stroke: #22242a; }
        .baton-diagram .bpmn-shape-inner { fill: none; stroke: #22242a; }
        .baton-diagram .bpmn-participant > .bpmn-shape { fill: #fcfcfd; }
        .baton-diagram .bpmn-lane > .bpmn-shape { fill: none; }
        .baton-diagram .bpmn-unknown-shape { fill: none; stroke: #8c959f; }
        .baton-diagram .bpmn-marker { fill: none; stroke: #22242a; stroke-width: 1.5px; stroke-linejoin: round; }
        .baton-diagram .bpmn-marker-light { stroke-width: 1.2px; }
        .baton-diagram .bpmn-marker-heavy { stroke-width: 3px; }
        .baton-diagram .bpmn-marker-open { stroke-linecap: round; }
        .baton-diagram .bpmn-marker-filled { fill: #22242a; stroke: #22242a; stroke-width: 1px; }
        .baton-diagram .bpmn-marker-inverse { fill: none; stroke: #ffffff; stroke-width: 1.2px; }
        .baton-diagram .bpmn-label { fill: #1f2328; font-size: 12px; }
        .baton-diagram .bpmn-label-external { font-size: 11px; }
        .baton-diagram .bpmn-connection { fill: none; stroke: #22242a; stroke-linejoin: round; }
        .baton-diagram .bpmn-unknown-connection { stroke: #8c959f; }
        .baton-diagram .bpmn-connection-marker { stroke: #22242a; }
        .baton-diagram .bpmn-condition-marker { fill: #ffffff; stroke: #22242a; }
        .baton-diagram .bpmn-arrowhead { fill: #22242a; stroke: none; }
        .baton-diagram .bpmn-arrowhead-open { fill: #ffffff; stroke: #22242a; stroke-width: 1.5px; }

        """

    /// Heat fills shapes and colours flows; the darkest four buckets switch names inside shapes to white.
    private static var heat: String {
        var rules = ""
        for (bucket, colour) in heatFills.enumerated() {
            rules += ".baton-diagram .heat-\(bucket) > .bpmn-shape { fill: \(colour); }\n"
            rules += ".baton-diagram .heat-\(bucket) > .bpmn-connection { stroke: \(colour); stroke-width: 4px; }\n"
        }
        let dark = 6..<heatFills.count
        rules += dark.map { ".baton-diagram .heat-\($0) > .bpmn-label:not(.bpmn-label-external)" }.joined(separator: ",\n") + " { fill: #ffffff; }\n"
        rules += dark.map { ".baton-diagram .heat-\($0) > .bpmn-marker:not(.bpmn-marker-filled)" }.joined(separator: ",\n") + " { stroke: #ffffff; }\n"
        return rules
    }

    /// Before the heat rules: on a heat map the fill shows heat, and states keep their strokes.
    private static let states = """
        .baton-diagram .state-completed > .bpmn-shape { fill: #e3ece3; stroke: #5f7f64; }
        .baton-diagram .state-completed > .bpmn-shape-inner { stroke: #5f7f64; }
        .baton-diagram .state-completed > .bpmn-connection { stroke: #5f7f64; stroke-width: 2.5px; }
        .baton-diagram .bpmn-arrowhead-completed { fill: #5f7f64; }
        .baton-diagram .state-active > .bpmn-shape { stroke: #0b62d6; stroke-width: 4px; }
        .baton-diagram .state-active > .bpmn-shape-inner { stroke: #0b62d6; }
        .baton-diagram .state-active > .bpmn-connection { stroke: #0b62d6; stroke-width: 3px; }
        .baton-diagram .bpmn-arrowhead-active { fill: #0b62d6; }
        .baton-diagram .state-incident > .bpmn-shape { fill: #fde7e7; stroke: #cf222e; stroke-width: 3px; }
        .baton-diagram .state-incident > .bpmn-shape-inner { stroke: #cf222e; }
        .baton-diagram .state-incident > .bpmn-connection { stroke: #cf222e; stroke-width: 3px; }
        .baton-diagram .bpmn-arrowhead-incident { fill: #cf222e; }
        .baton-diagram .state-selected > .bpmn-shape { stroke: #8250df; stroke-width: 3px; stroke-dasharray: 6 3; }
        .baton-diagram .state-selected > .bpmn-connection { stroke: #8250df; stroke-width: 3px; }
        .baton-diagram .bpmn-arrowhead-selected { fill: #8250df; }

        """

    private static let badges = """
        .baton-diagram .badge rect { stroke: #ffffff; stroke-width: 1.5px; }
        .baton-diagram .badge text { fill: #ffffff; font-size: 10px; font-weight: 600; }
        .baton-diagram .badge-running rect { fill: #0b62d6; }
        .baton-diagram .badge-incidents rect { fill: #cf222e; }
        .baton-diagram .badge-passed rect { fill: #6e7781; }

        """
}
