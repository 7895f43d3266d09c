import Foundation
import MicrogradTestSupport
import Testing

/// Headless Chromium, to check what a reader's browser shows.
enum Chromium {
    /// The browser's path, if one is installed (Debian: `apt-get install chromium`).
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// A PNG screenshot of `url` after `milliseconds` of (virtual) time.
    static func screenshot(
        _ url: URL, milliseconds: Int = 200, size: (Int, Int) = (1400, 700), dark: Bool = false
    ) throws -> Data {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("shot-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--window-size=\(size.0),\(size.1)", "--virtual-time-budget=\(milliseconds)",
                "--screenshot=\(output.path)",
            ] + (dark ? ["--force-dark-mode"] : []) + [url.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return try Data(contentsOf: output)
    }
}

extension Chromium {
    /// The page's DOM after its scripts ran.
    static func dumpDOM(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--virtual-time-budget=20000",
            "--dump-dom",
            url.absoluteString,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A page that decodes `png` with the browser's `ImageDecoder` and writes what it found:
    /// whether it is animated, its frames and loops, the first frame's duration, and how many
    /// bytes of pixels differ between the first and last frames. Virtual time would run out
    /// before the decoder's thread finishes, so timers keep the page busy until it does.
    static func decodingPage(png: Data) -> String {
        """
        <html><body><pre id="out">waiting</pre><script>
        let done = false, spin = 0;
        function wait() { if (done) return; for (let i = 0; i < 3000000; i++) spin += i; setTimeout(wait, 10); }
        setTimeout(wait, 10);
        function report(text) { done = true; document.getElementById("out").textContent = text; }
        (async () => {
          const bytes = Uint8Array.from(atob("\(png.base64EncodedString())"), c => c.charCodeAt(0));
          const decoder = new ImageDecoder({data: bytes, type: "image/png"});
          await decoder.tracks.ready;
          const track = decoder.tracks.selectedTrack;
          const first = await decoder.decode({frameIndex: 0});
          const last = await decoder.decode({frameIndex: track.frameCount - 1});
          function pixels(frame) {
            const canvas = new OffscreenCanvas(frame.image.displayWidth, frame.image.displayHeight);
            const context = canvas.getContext("2d");
            context.drawImage(frame.image, 0, 0);
            return context.getImageData(0, 0, canvas.width, canvas.height).data;
          }
          const a = pixels(first), b = pixels(last);
          let differing = 0;
          for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differing++;
          report(`animated=${track.animated} frames=${track.frameCount} loops=${track.repetitionCount} ` +
            `first-frame-ms=${first.image.duration / 1000} differing=${differing}`);
        })().catch(error => report("error " + error));
        </script></body></html>
        """
    }
}

/// The animations and the colour scheme, as Chromium shows them.
@Suite(
    "In the browser", .serialized,
    .enabled(if: Chromium.path != nil, "Chromium is not installed; install it with `apt-get install chromium`"))
struct BrowserTests {
    /// The animated SVG shows the frames in turn: at 0.5 s the first, at 5 s the fourth
    /// (1.5 s each), each exactly as its own frame file draws it. The page's animations are
    /// paused and set to those times through the DevTools protocol, so the test does not
    /// depend on how fast the browser runs (a virtual-time screenshot did, under load).
    @Test func animatedSVGAnimates() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(["steps", "zero-to-hero", "--format", "svg,animated-svg", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        let browser = try HeadlessBrowser()
        defer { browser.close() }
        let page = try browser.newPage(width: 1400, height: 700)
        let loaded = "document.readyState === 'complete'"
        func shot(_ name: String, at milliseconds: Int? = nil) throws -> Data {
            try page.open(directory.appendingPathComponent(name), until: loaded)
            if let milliseconds {
                let count = try page.evaluate(
                    "document.getAnimations().map(a => { a.pause(); a.currentTime = \(milliseconds); return 1 }).length"
                )
                #expect((count as? Int ?? 0) > 1, "the animated SVG has one animation per frame")
            }
            return try page.screenshot()
        }
        let early = try shot("zero-to-hero-steps.svg", at: 500)
        let later = try shot("zero-to-hero-steps.svg", at: 5000)
        #expect(early != later, "the animation moved on")
        #expect(early == (try shot("zero-to-hero-forward-01.svg")), "at 0.5 s the first frame shows")
        #expect(later == (try shot("zero-to-hero-backward-01.svg")), "at 5 s the fourth frame shows")
        #expect(page.consoleErrors.isEmpty, "\(page.consoleErrors)")
    }

    /// Chromium decodes the APNG as an animation: its frames, looping forever, the first and the
    /// last different. (Headless screenshots do not advance image animations, so the page asks
    /// the browser's own decoder; the script is the test's, not the product's.)
    @Test func animatedPNGAnimates() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try micrograd(
            ["steps", "zero-to-hero", "--format", "apng", "--seconds", "0.5", "--out", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        let apng = try Data(contentsOf: directory.appendingPathComponent("zero-to-hero-steps.png"))
        let page = directory.appendingPathComponent("decode.html")
        try Data(Chromium.decodingPage(png: apng).utf8).write(to: page)
        let dom = try Chromium.dumpDOM(page)
        #expect(dom.contains("animated=true frames=10 loops=Infinity"), "\(dom.suffix(300))")
        #expect(dom.contains("first-frame-ms=500 "), "\(dom.suffix(300))")
        #expect(!dom.contains("differing=0"), "the first and last frames differ")
    }

    /// `--theme auto` follows the reader's colour scheme; `--theme light` does not.
    @Test func autoThemeFollowsTheColourScheme() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for theme in ["auto", "light"] {
            let result = try micrograd(
                [
                    "snapshot", "neuron", "--stage", "after", "--theme", theme, "--format", "svg", "--out",
                    directory.path + "/" + theme,
                ])
            #expect(result.status == 0, "\(result.standardError)")
        }
        let auto = directory.appendingPathComponent("auto/neuron-after.svg")
        let light = directory.appendingPathComponent("light/neuron-after.svg")
        let autoLight = try Chromium.screenshot(auto)
        let autoDark = try Chromium.screenshot(auto, dark: true)
        #expect(autoLight != autoDark, "dark emulation recolours the auto theme")
        #expect(autoLight == (try Chromium.screenshot(light)), "in light mode, auto is the light theme")
        #expect(
            try Chromium.screenshot(light) == (try Chromium.screenshot(light, dark: true)), "light ignores the scheme")
        // In dark mode the auto SVG looks like the dark theme.
        let darkDirectory = directory.appendingPathComponent("dark")
        let result = try micrograd(
            [
                "snapshot", "neuron", "--stage", "after", "--theme", "dark", "--format", "svg", "--out",
                darkDirectory.path,
            ])
        #expect(result.status == 0)
        #expect(autoDark == (try Chromium.screenshot(darkDirectory.appendingPathComponent("neuron-after.svg"))))
    }
}
