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

    /// `transform` of each item, on every core, in the items' order.
    public static func map<Item: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Value) -> [Value] {
        let results = Results(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in results[index] = transform(items[index]) }
        return results.values
    }

    /// `transform` of each run of `size` consecutive items, on every core, in the items' order.
    public static func pieces<Item: Sendable>(of items: [Item], size: Int,
                                              _ transform: @Sendable (ArraySlice<Item>) -> Value) -> [Value] {
        map(Array(stride(from: 0, to: items.count, by: size))) { start in transform(items[start..<min(start + size, items.count)]) }
    }
}
