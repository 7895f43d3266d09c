import CGraphviz

#if canImport(Glibc)
    import Glibc
#endif

/// Reads DOT text into a Graphviz graph whose layout depends on the text alone.
///
/// Graphviz's own `agmemread` gives every named object the address of its interned
/// name as its id, and keeps a graph's subgraphs ordered by id. The order `dot` sees
/// clusters in, which decides where sibling boxes go, then depends on where `malloc`
/// happened to put the names: in one process, the same DOT text laid out twice put a
/// network's layers in different orders. This reader gives every object, named or not,
/// the next number of a counter instead, and leaves names to cgraph's internal name
/// table (`agmapnametoid` falls back to it when a discipline does not map names), so
/// subgraphs come in the order they are written, on every run.
///
/// Call it only with the rendering lock held: the counter and the text being read are shared.
enum GraphReader {
    /// The graph `dot` describes, or `nil` if it cannot be read (Graphviz reports why).
    static func read(_ dot: String) -> UnsafeMutablePointer<Agraph_t>? {
        nextID = 1
        return dot.withCString { text in
            var source = Source(text: text, length: strlen(text), position: 0)
            return withUnsafeMutablePointer(to: &source) { agread($0, discipline) }
        }
    }

    /// The text being read and how far the reader got.
    private struct Source {
        let text: UnsafePointer<CChar>
        let length: Int
        var position: Int
    }

    /// The next id to hand out; odd, as Graphviz's own anonymous ids are.
    nonisolated(unsafe) private static var nextID: IDTYPE = 1

    /// Graphviz's memory handling, these ids, and reading from a `Source`; made once and
    /// kept, since every graph read keeps a pointer to it.
    nonisolated(unsafe) private static let discipline: UnsafeMutablePointer<Agdisc_t> = {
        let ids = UnsafeMutablePointer<Agiddisc_t>.allocate(capacity: 1)
        ids.initialize(
            to: Agiddisc_t(
                open: { graph, _ in UnsafeMutableRawPointer(graph) },
                map: { _, _, name, id, create in
                    // Names go to cgraph's own table, which then asks for an anonymous id.
                    guard name == nil, create != 0, let id else { return 0 }
                    id.pointee = GraphReader.nextID
                    GraphReader.nextID += 2
                    return 1
                },
                alloc: { _, _, request in request & 1 == 0 ? 1 : 0 },
                free: { _, _, _ in },
                print: { _, _, _ in nil },
                close: { _ in },
                idregister: { _, _, _ in }))
        let io = UnsafeMutablePointer<Agiodisc_t>.allocate(capacity: 1)
        io.initialize(
            to: Agiodisc_t(
                afread: { channel, buffer, size in
                    // One line at a time, as Graphviz's own in-memory reader does.
                    guard let channel, let buffer, size > 0 else { return 0 }
                    let source = channel.assumingMemoryBound(to: Source.self)
                    var count = 0
                    while source.pointee.position < source.pointee.length && count < Int(size) {
                        let character = source.pointee.text[source.pointee.position]
                        buffer[count] = character
                        count += 1
                        source.pointee.position += 1
                        if character == 10 { break }
                    }
                    return Int32(count)
                },
                // Writing, which rendering never does, goes to a C stream, as Graphviz's own does.
                putstr: { channel, text in
                    guard let channel, let text else { return EOF }
                    return fputs(text, channel.assumingMemoryBound(to: FILE.self))
                },
                flush: { channel in
                    guard let channel else { return EOF }
                    return fflush(channel.assumingMemoryBound(to: FILE.self))
                }))
        // Memory as Graphviz's own discipline handles it: zeroed blocks from the C heap.
        let memory = UnsafeMutablePointer<Agmemdisc_t>.allocate(capacity: 1)
        memory.initialize(
            to: Agmemdisc_t(
                open: { _ in nil },
                alloc: { _, size in calloc(1, size) },
                resize: { _, block, oldSize, newSize in
                    guard let grown = realloc(block, newSize) else { return nil }
                    if newSize > oldSize { memset(grown + oldSize, 0, newSize - oldSize) }
                    return grown
                },
                free: { _, block in free(block) },
                // No close: with one, agclose would skip freeing the graph's objects and leave the
                // heap to it ("free entire heap"), as an arena allocator would want.
                close: nil))
        let discipline = UnsafeMutablePointer<Agdisc_t>.allocate(capacity: 1)
        discipline.initialize(to: Agdisc_t(mem: memory, id: ids, io: io))
        return discipline
    }()
}
