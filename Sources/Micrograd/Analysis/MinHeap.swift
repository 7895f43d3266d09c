/// A binary min-heap of integers.
struct MinHeap {
    private var items: [Int] = []

    init(_ values: [Int]) {
        for value in values { insert(value) }
    }

    mutating func insert(_ value: Int) {
        items.append(value)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMin() -> Int? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let smallest = items.removeLast()
        var parent = 0
        while true {
            let (left, right) = (2 * parent + 1, 2 * parent + 2)
            var smallestChild = parent
            if left < items.count && items[left] < items[smallestChild] { smallestChild = left }
            if right < items.count && items[right] < items[smallestChild] { smallestChild = right }
            guard smallestChild != parent else { return smallest }
            items.swapAt(parent, smallestChild)
            parent = smallestChild
        }
    }
}
