import HeapModule

/// A cost made of several objectives compared in order (lexicographically): the first settles,
/// the next only breaks its ties. Adding them componentwise keeps that order, so shortest paths
/// and potentials work on such costs as on numbers — and no weighting can overflow or let a
/// lesser objective outweigh a greater one.
struct LexicographicCost: Comparable, Sendable {
    var parts: SIMD4<Int>

    static let zero = LexicographicCost(parts: .zero)
    static let unreachable = LexicographicCost(parts: SIMD4(repeating: .max / 4))

    static func + (a: Self, b: Self) -> Self { Self(parts: a.parts &+ b.parts) }
    static func - (a: Self, b: Self) -> Self { Self(parts: a.parts &- b.parts) }
    static prefix func - (a: Self) -> Self { Self(parts: SIMD4.zero &- a.parts) }

    static func < (a: Self, b: Self) -> Bool {
        for i in 0..<4 where a.parts[i] != b.parts[i] { return a.parts[i] < b.parts[i] }
        return false
    }
}

/// Minimum-cost maximum flow by successive shortest paths with Johnson potentials (Dijkstra on
/// reduced costs, which stay non-negative after each augmentation). Exact: each augmentation
/// follows a cheapest path of the residual graph, so the flow of each value is the cheapest of
/// that value, and the last one is a maximum flow of least cost.
///
/// Written here because no library on our machines has one: SwiftGraph (the graph package we can
/// use) offers searches, shortest paths and spanning trees, no flows. The heap is swift-collections'.
struct MinCostFlow {
    private struct Edge {
        let to: Int
        var capacity: Int
        let cost: LexicographicCost
    }

    private var edges: [Edge] = []
    /// Edge indices leaving each node; edge i's reverse is i ^ 1.
    private var outgoing: [[Int]]

    init(nodes: Int) { outgoing = Array(repeating: [], count: nodes) }

    /// Every cost must be non-negative (the potentials start at zero). Returns the edge's id.
    @discardableResult
    mutating func addEdge(from: Int, to: Int, capacity: Int, cost: LexicographicCost) -> Int {
        precondition(!(cost < .zero), "a negative cost needs other starting potentials")
        outgoing[from].append(edges.count)
        edges.append(Edge(to: to, capacity: capacity, cost: cost))
        outgoing[to].append(edges.count)
        edges.append(Edge(to: from, capacity: 0, cost: -cost))
        return edges.count - 2
    }

    /// How much went through an edge added by `addEdge`.
    func flow(on edge: Int) -> Int { edges[edge ^ 1].capacity }

    /// Sends as much as possible from `source` to `sink`, as cheaply as possible; returns the amount.
    @discardableResult
    mutating func run(from source: Int, to sink: Int) -> Int {
        let count = outgoing.count
        var potential = [LexicographicCost](repeating: .zero, count: count)
        var sent = 0
        while true {
            var distance = [LexicographicCost](repeating: .unreachable, count: count)
            var via = [Int](repeating: -1, count: count)
            var queue = Heap<Reached>()
            distance[source] = .zero
            queue.insert(Reached(cost: .zero, node: source))
            while let reached = queue.popMin() {
                guard reached.cost == distance[reached.node] else { continue }
                for id in outgoing[reached.node] where edges[id].capacity > 0 {
                    let edge = edges[id]
                    let through = reached.cost + edge.cost + potential[reached.node] - potential[edge.to]
                    if through < distance[edge.to] {
                        distance[edge.to] = through
                        via[edge.to] = id
                        queue.insert(Reached(cost: through, node: edge.to))
                    }
                }
            }
            guard distance[sink] < .unreachable else { return sent }
            for node in 0..<count where distance[node] < .unreachable { potential[node] = potential[node] + distance[node] }
            var bottleneck = Int.max, node = sink
            while node != source { bottleneck = min(bottleneck, edges[via[node]].capacity); node = edges[via[node] ^ 1].to }
            node = sink
            while node != source {
                edges[via[node]].capacity -= bottleneck
                edges[via[node] ^ 1].capacity += bottleneck
                node = edges[via[node] ^ 1].to
            }
            sent += bottleneck
        }
    }

    private struct Reached: Comparable {
        let cost: LexicographicCost
        let node: Int
        static func < (a: Reached, b: Reached) -> Bool { a.cost < b.cost }
    }
}
