import Foundation
import MicrogradTestSupport
import Testing

@testable import Micrograd
@testable import MicrogradViz

/// DOT from untrusted sources: no reading local files, no script in the SVG, bounded sizes
/// (issue 9, items 14 and 16). The same DOT renders when the caller trusts it.
@Suite("Rendering untrusted DOT")
struct RendererSafetyTests {
    /// Renders untrusted DOT and returns the error it must throw.
    static func refusal(_ dot: String, format: RenderFormat = .svg, options: RenderOptions = RenderOptions())
        -> RenderError?
    {
        do {
            _ = try GraphRenderer.render(dot: dot, format: format, options: options)
            return nil
        } catch {
            return error
        }
    }

    static let fileReading: [(String, String)] = [
        ("image", #"digraph { a [image="/etc/hostname"]; }"#),
        ("shapefile", #"digraph { a [shape=epsf, shapefile="/etc/hostname"]; }"#),
        ("imagepath", #"digraph { imagepath="/etc"; a [image="hostname"]; }"#),
        ("fontpath", #"digraph { fontpath="/etc"; a; }"#),
        ("stylesheet", #"digraph { stylesheet="file:///etc/passwd"; a; }"#),
        ("_background", #"digraph { _background="I 0 0 10 10 14 -/etc/hostname"; a; }"#),
        ("a default", #"digraph { node [image="/etc/hostname"]; a; }"#),
        ("a cluster", #"digraph { subgraph cluster_x { imagepath="/etc"; a; } }"#),
        ("an HTML <IMG>", #"digraph { a [label=<<TABLE><TR><TD><IMG SRC="/etc/hostname"/></TD></TR></TABLE>>]; }"#),
    ]

    @Test(arguments: fileReading)
    func fileReadingAttributesAreRefused(name: String, dot: String) throws {
        let error = try #require(Self.refusal(dot, format: .png), "\(name) must be refused")
        #expect(error.kind == .unsafeInput, "\(name): \(error)")
        #expect(error.message.contains("file"), "\(name): \(error.message)")
    }

    static let scriptBearing: [(String, String)] = [
        ("javascript URL", #"digraph { a [URL="javascript:alert(1)"]; }"#),
        ("upper-case scheme", #"digraph { a [href="JavaScript:alert(1)"]; }"#),
        ("data URL", #"digraph { a [URL="data:text/html,<script>alert(1)</script>"]; }"#),
        ("quote injection", #"digraph { a [URL="http://x\" onclick=\"alert(1)"]; }"#),
        ("tab in the scheme", "digraph { a [URL=\"java\tscript:alert(1)\"]; }"),
        ("edge head URL", #"digraph { a -> b [headURL="vbscript:x"]; }"#),
        ("substitution", #"digraph { "x\" onclick=\"alert(1)" [URL="\N"]; }"#),
        ("target", #"digraph { a [URL="http://example.com", target="_top\" onclick=\"alert(1)"]; }"#),
        ("font name injection", #"digraph { a [fontname="x\" onload=\"alert(1)"]; }"#),
        (
            "HTML HREF with entities",
            #"digraph { a [label=<<TABLE><TR><TD HREF="java&#x09;script:alert(1)">x</TD></TR></TABLE>>]; }"#
        ),
        (
            "HTML FACE injection",
            #"digraph { a [label=<<FONT FACE="x&quot; onload=&quot;alert(1)">x</FONT>>]; }"#
        ),
    ]

    @Test(arguments: scriptBearing)
    func scriptBearingLinksAreRefused(name: String, dot: String) throws {
        let error = try #require(Self.refusal(dot), "\(name) must be refused")
        #expect(error.kind == .unsafeInput, "\(name): \(error)")
    }

    @Test func plainLinksAndLabelsRender() throws {
        let dot = #"""
            digraph {
              a [URL="https://example.com/page?x=1#top", target="_blank", tooltip="<b> & \"quoted\""];
              b [href="notes/b.html", fontname="Helvetica", label=<<B>bold</B> &amp; <I>it</I>>];
              c [URL="mailto:someone@example.com"];
              a -> b -> c;
            }
            """#
        let svg = String(decoding: try GraphRenderer.render(dot: dot, format: .svg), as: UTF8.self)
        #expect(svg.contains("xlink:href=\"https://example.com/page?x=1#top\""))
        #expect(svg.contains("xlink:href=\"notes/b.html\""))
        #expect(SVGTexts(Data(svg.utf8)).isWellFormed)
    }

    @Test func trustedDOTMayUseEverything() throws {
        let dot =
            #"digraph { a [URL="javascript:void(0)"]; b [label=<<TABLE><TR><TD HREF="javascript:x">b</TD></TR></TABLE>>]; }"#
        #expect(Self.refusal(dot)?.kind == .unsafeInput)
        let svg = String(decoding: try GraphRenderer.render(dot: dot, format: .svg, options: .trusted), as: UTF8.self)
        #expect(svg.contains("javascript:void(0)"))
    }

    /// Every diagram the library writes renders as untrusted DOT, in every style and theme.
    @Test func ourOwnDOTNeedsNoTrust() throws {
        for root in [SampleGraphs.neuron(), SampleGraphs.mlp(), SampleGraphs.readme()] {
            root.backward()
            let snapshot = root.snapshot()
            for style in [DOTOptions.Style.record, .compact] {
                for theme in Theme.allCases {
                    let dot = snapshot.dot(options: DOTOptions(style: style, theme: theme))
                    #expect(throws: Never.self) { _ = try GraphRenderer.render(dot: dot, format: .svg) }
                }
            }
        }
        let tensor = TensorGraphs.classifier()
        tensor.backward()
        #expect(throws: Never.self) { _ = try GraphRenderer.render(dot: tensor.snapshot().dot(), format: .png) }
    }

    // MARK: - Sizes (items 14 and 16)

    static let oversized: [(String, String, RenderFormat)] = [
        ("size with !", #"digraph { graph [size="100000,100000!"]; a -> b }"#, .png),
        ("dpi", #"digraph { graph [dpi=2000]; a -> b }"#, .png),
        ("resolution", #"digraph { graph [resolution=5000]; a -> b }"#, .svg),
        ("a huge node", #"digraph { a [width=2000, height=2000]; }"#, .svg),
        ("a huge font", #"digraph { a [fontsize=100000]; }"#, .pdf),
        ("viewport", #"digraph { graph [viewport="500000,500000"]; a }"#, .svg),
        ("PDF size and dpi (a cairo assertion)", #"digraph { graph [size="1000,1000!", dpi=30000]; a -> b }"#, .pdf),
    ]

    @Test(arguments: oversized)
    func oversizedDrawingsAreRefused(name: String, dot: String, format: RenderFormat) throws {
        let error = try #require(Self.refusal(dot, format: format), "\(name) must be refused")
        #expect(error.kind == .tooLarge, "\(name): \(error)")
    }

    @Test func aDrawingWithinTheLimitsRenders() throws {
        let png = try GraphRenderer.render(dot: #"digraph { graph [dpi=300]; a -> b }"#, format: .png)
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func longTokensAreRefusedAsDotRefusesThem() throws {
        let long = String(repeating: "x", count: 20_000)
        let tokens = [
            "digraph { a [label=\"\(long)\"]; }", "digraph { /* \(long) */ a; }", "digraph { a [label=<\(long)>]; }",
            "digraph { \(long); }", "digraph { a; // \(long)\n}", "# \(long)\ndigraph { a }",
        ]
        for dot in tokens {
            let error = try #require(Self.refusal(dot))
            #expect(error.kind == .tooLarge, "\(error)")
            #expect(error.message.contains("16384"), "\(error.message)")
        }
        // A 2 MB comment would take cgraph seconds (quadratic); refused before cgraph sees it.
        let huge = "digraph { /* " + String(repeating: "y", count: 2_000_000) + " */ a }"
        #expect(Self.refusal(huge)?.kind == .tooLarge)
        // Trusted, a long label is fine.
        let trusted = try GraphRenderer.render(dot: tokens[0], format: .svg, options: .trusted)
        #expect(String(decoding: trusted, as: UTF8.self).contains(String(repeating: "x", count: 100)))
    }

    @Test func escapedQuotesDoNotHideALongToken() throws {
        // Backslash-quote and backslash-backslash inside a string, as cgraph reads them.
        let long = String(repeating: "z", count: 17_000)
        #expect(Self.refusal("digraph { a [label=\"\\\"\(long)\"]; }")?.kind == .tooLarge)
        #expect(Self.refusal("digraph { a [label=\"x\\\\\"]; b [label=\"\(long)\"]; }")?.kind == .tooLarge)
        #expect(Self.refusal("digraph { a [label=\"x\\\\\"]; b [label=\"short\"]; }") == nil)
    }

    @Test func inputSizeIsCapped() throws {
        var options = RenderOptions()
        options.limits.maximumInputBytes = 1_000
        let dot = "digraph { " + (0..<200).map { "n\($0);" }.joined(separator: " ") + " }"
        #expect(dot.utf8.count > 1_000)
        let error = try #require(Self.refusal(dot, options: options))
        #expect(error.kind == .tooLarge)
        #expect(error.message.contains("1000 bytes"), "\(error.message)")
    }

    @Test(arguments: [RenderOptions.Isolation.separateProcess, .sameProcess])
    func theImageSizeIsCapped(isolation: RenderOptions.Isolation) throws {
        var options = RenderOptions(isolation: isolation)
        options.limits.maximumImageBytes = 1_000
        let layers = "digraph { layers=\"" + (0..<50).map { "l\($0)" }.joined(separator: ":") + "\"; a -> b -> c }"
        let error = try #require(Self.refusal(layers, options: options))
        #expect(error.kind == .tooLarge, "\(error)")
        #expect(error.message.contains("1000 bytes"), "\(error.message)")
        #expect(Self.refusal("digraph { a }", options: options) == nil)
        // Trusted DOT has no image limit.
        options.allowsUnsafeInput = true
        #expect(Self.refusal(layers, options: options) == nil)
    }

    @Test func nulBytesAreRefusedEvenWhenTrusted() throws {
        let dot = "digraph { a }\u{0}digraph { b }"
        #expect(Self.refusal(dot)?.kind == .syntax)
        #expect(Self.refusal(dot, options: .trusted)?.kind == .syntax)
    }
}
