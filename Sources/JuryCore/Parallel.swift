import Dispatch
import Foundation

/// Thread-safe results of parallel work (e.g. `DispatchQueue.concurrentPerform`): one slot per
/// piece, each written once, read back in the pieces' order. Used by the store, the import and
/// the console: opening 5 000 dossiers is work for every core.
public final class Results<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    public init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    public subscript(index: Int) -> Value? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    /// Once the work is done, every slot holds a value.
    public var values: [Value] { lock.withLock { slots.map { $0! } } }

    /// `transform` of each run of `size` consecutive items, on every core, in the items' order.
    public static func pieces<Item: Sendable>(of items: [Item], size: Int,
                                              _ transform: @Sendable (ArraySlice<Item>) -> Value) -> [Value] {
        let starts = Array(stride(from: 0, to: items.count, by: size))
        let results = Results(count: starts.count)
        DispatchQueue.concurrentPerform(iterations: starts.count) { piece in
            let start = starts[piece]
            results[piece] = transform(items[start..<min(start + size, items.count)])
        }
        return results.values
    }
}
