import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory micrograd-diagrams`: draws every `.mg` network
/// file of a package's documentation as SVG, next to the file.
///
/// The plugin only finds the folders; `micrograd diagrams` does the drawing, so each file's options
/// (a `# micrograd-diagrams:` comment in the file, or a `micrograd-diagrams.conf` in its folder) are
/// `micrograd snapshot`'s own options, and the plugin needs no change when `snapshot` gains one.
///
/// Usage:
///
///     swift package --allow-writing-to-package-directory micrograd-diagrams [--target NAME]... [FOLDER]... [--check]
///
/// With no folder, it draws the `Resources/` folder of every DocC catalog (`*.docc`) of the package's
/// targets (or of the targets named with `--target`). Folders are relative to the package.
@main
struct MicrogradDiagrams: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let targetNames = extractor.extractOption(named: "target")
        let remaining = extractor.remainingArguments
        if remaining.contains("--help") || remaining.contains("-h") {
            print(Self.help)
            return
        }
        let flags = remaining.filter { $0.hasPrefix("-") }
        var folders = remaining.filter { !$0.hasPrefix("-") }.map { folder in
            folder.hasPrefix("/") ? folder : context.package.directoryURL.appendingPathComponent(folder).path
        }
        if folders.isEmpty {
            folders = try Self.catalogResourceFolders(of: context.package, targetNames: targetNames)
            if folders.isEmpty {
                Diagnostics.warning(
                    "no DocC catalog with a Resources folder found"
                        + (targetNames.isEmpty ? "" : " in targets \(targetNames.joined(separator: ", "))")
                        + "; name the folders to draw: swift package micrograd-diagrams FOLDER")
                return
            }
        }
        let process = Process()
        process.executableURL = try buildMicrograd()
        process.arguments =
            ["diagrams"] + flags + ["--scratch", context.pluginWorkDirectoryURL.path] + folders
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            Diagnostics.error(
                "micrograd diagrams failed (exit status \(process.terminationStatus)); see its message above")
            throw DiagramsFailure(status: process.terminationStatus)
        }
    }

    /// Builds the `micrograd` command and returns where it is. (A plugin cannot name an executable target that
    /// is also a product as its tool, so the plugin asks the package manager to build the product.)
    func buildMicrograd() throws -> URL {
        let result = try packageManager.build(.product("micrograd"), parameters: .init(logging: .concise))
        guard result.succeeded else {
            print(result.logText)
            throw DiagramsUsageError(message: "building micrograd failed; see the messages above")
        }
        guard
            let executable = result.builtArtifacts.first(where: {
                $0.kind == .executable && $0.url.lastPathComponent == "micrograd"
            })
        else {
            throw DiagramsUsageError(message: "building micrograd produced no micrograd executable")
        }
        return executable.url
    }

    /// The `Resources/` folder of every `*.docc` catalog inside the chosen targets' folders, sorted.
    static func catalogResourceFolders(of package: Package, targetNames: [String]) throws -> [String] {
        let targets = package.targets.filter { targetNames.isEmpty || targetNames.contains($0.name) }
        let unknown = targetNames.filter { name in !package.targets.contains { $0.name == name } }
        if !unknown.isEmpty {
            throw DiagramsUsageError(
                message: "no target named \(unknown.joined(separator: ", ")) in this package; the targets are "
                    + package.targets.map(\.name).joined(separator: ", "))
        }
        var folders: Set<String> = []
        for target in targets {
            guard let sourceTarget = target as? SourceModuleTarget else { continue }
            let directory = URL(fileURLWithPath: "\(sourceTarget.directory)")
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for entry in entries where entry.hasSuffix(".docc") {
                let resources = directory.appendingPathComponent(entry).appendingPathComponent("Resources")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: resources.path, isDirectory: &isDirectory),
                    isDirectory.boolValue
                {
                    folders.insert(resources.path)
                }
            }
        }
        return folders.sorted()
    }

    static let help = """
        OVERVIEW: Draw every .mg network file of a folder as SVG, next to the file.

        USAGE: swift package --allow-writing-to-package-directory micrograd-diagrams [--target <target>] ... [<folder> ...] [--check]

        With no folder, draws the Resources/ folder of every DocC catalog (*.docc) of the package's targets, or \
        of the targets named with --target. Each file is drawn as `micrograd snapshot FILE --format svg` would, \
        with the options of its folder's micrograd-diagrams.conf and then of its own `# micrograd-diagrams:` \
        comment lines. A diagram whose bytes have not changed is not written again.

        OPTIONS:
          --target <target>   Draw the DocC catalogs of this target (repeatable).
          --check             Write nothing; fail if a diagram is missing or differs from what would be drawn.
          -h, --help          Show this help.
        """
}

/// `micrograd diagrams` failed; it has printed why.
struct DiagramsFailure: Error, CustomStringConvertible {
    let status: Int32
    var description: String { "micrograd diagrams exited with status \(status)" }
}

/// The plugin's own command line was wrong.
struct DiagramsUsageError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
