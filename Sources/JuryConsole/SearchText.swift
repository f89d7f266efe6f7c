import Foundation
import JuryCore

/// Text folded for searching: lowercase, without diacritics ("É" → "e", "œ" → "oe"), as UTF-8
/// bytes, so that a query typed without accents finds accented text and matching runs on bytes.
struct SearchFolder {
    /// Folding a non-ASCII scalar goes through Foundation: done once per distinct scalar.
    private var cache: [Unicode.Scalar: [UInt8]] = [:]

    mutating func fold(_ text: String, into out: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                out.append(UInt8(value >= 0x41 && value <= 0x5A ? value + 0x20 : value))
            } else if let bytes = cache[scalar] {
                out.append(contentsOf: bytes)
            } else {
                let bytes = Self.foldOne(scalar)
                cache[scalar] = bytes
                out.append(contentsOf: bytes)
            }
        }
    }

    mutating func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        fold(text, into: &out)
        return out
    }

    /// Letters that are not a base letter plus marks, and typographic variants people do not type.
    private static let replacements: [Unicode.Scalar: String] = [
        "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d",
        "\u{2019}": "'", "\u{2018}": "'", "\u{02BC}": "'",
        "\u{00A0}": " ", "\u{202F}": " ", "\u{2013}": "-", "\u{2014}": "-",
    ]

    private static func foldOne(_ scalar: Unicode.Scalar) -> [UInt8] {
        var out = String.UnicodeScalarView()
        for part in String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        where part.properties.generalCategory != .nonspacingMark {
            if let replacement = replacements[part] { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(part) }
        }
        return Array(String(out).utf8)
    }
}

/// Every dossier's folded text in one buffer, with a small filter per dossier of the bytes and
/// byte pairs it holds, so that a search skips at once most dossiers that cannot match.
struct SearchCorpus: Sendable {
    private var bytes: [UInt8] = []
    /// Dossier i is `bytes[starts[i] ..< starts[i + 1]]`.
    private var starts: [Int] = [0]
    /// Per dossier, `filterWords` words: a 4 096-bit set of hashed bytes and byte pairs.
    private var filters: [UInt64] = []
    private static let filterWords = 64

    var count: Int { starts.count - 1 }

    /// One place of the match: where the query was first found, so that a longer query (which
    /// starts with it) resumes there instead of at the start of the dossier.
    struct Hit: Equatable, Sendable {
        var document: Int
        var offset: Int
    }

    /// Adds one document made of several fields; fields are separated by a newline so that a
    /// query (which never holds one) does not match across two of them.
    mutating func append(_ fields: [String], folder: inout SearchFolder) {
        let start = bytes.count
        for field in fields {
            folder.fold(field, into: &bytes)
            bytes.append(0x0A)
        }
        starts.append(bytes.count)
        var filter = [UInt64](repeating: 0, count: Self.filterWords)
        Self.forEachGram(bytes[start...]) { filter[$0 >> 6] |= 1 << UInt64($0 & 63) }
        filters += filter
    }

    /// Adds the documents of another corpus after these.
    mutating func append(contentsOf other: SearchCorpus) {
        let offset = bytes.count
        bytes += other.bytes
        starts += other.starts.dropFirst().map { $0 + offset }
        filters += other.filters
    }

    /// The filter bit of each byte (as a pair with 0, which text never holds) and of each pair of consecutive bytes.
    private static func forEachGram(_ text: ArraySlice<UInt8>, _ body: (Int) -> Void) {
        var previous: UInt8?
        for byte in text {
            body(hash(0, byte))
            if let previous { body(hash(previous, byte)) }
            previous = byte
        }
    }

    private static func hash(_ a: UInt8, _ b: UInt8) -> Int { (Int(a) &* 251 &+ Int(b)) & (filterWords * 64 - 1) }

    /// Where `query` first occurs in each document that holds it, in document order. With the
    /// hits of a query that `query` extends, only those documents are searched, from those places.
    func matches(_ query: [UInt8], after previous: [Hit]? = nil) -> [Hit] {
        var grams: [(word: Int, mask: UInt64)] = []
        Self.forEachGram(query[...]) { grams.append(($0 >> 6, 1 << UInt64($0 & 63))) }
        let candidates = previous ?? (0..<count).map { Hit(document: $0, offset: starts[$0]) }
        return bytes.withUnsafeBytes { text in
            query.withUnsafeBytes { needle in
                candidates.compactMap { hit in
                    let filter = hit.document * Self.filterWords
                    guard grams.allSatisfy({ filters[filter + $0.word] & $0.mask != 0 }),
                          let at = ByteSearch.first(needle, in: text, from: hit.offset, to: starts[hit.document + 1])
                    else { return nil }
                    return Hit(document: hit.document, offset: at)
                }
            }
        }
    }
}

enum ByteSearch {
    /// Offset of the first occurrence of `needle` in `text[from ..< to]`. Compares 32 positions at a
    /// time on the needle's first and last bytes, then checks the few candidates: several GB/s
    /// even when the first byte is frequent (where libc's strstr was seen to crawl).
    static func first(_ needle: UnsafeRawBufferPointer, in text: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        let n = needle.count
        guard n > 0 else { return from }
        guard to - from >= n, let base = text.baseAddress, let pin = needle.baseAddress else { return nil }
        let first = SIMD32<UInt8>(repeating: needle[0]), last = SIMD32<UInt8>(repeating: needle[n - 1])
        var i = from
        while i + n - 1 + 32 <= to {
            let heads = base.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self)
            let tails = base.loadUnaligned(fromByteOffset: i + n - 1, as: SIMD32<UInt8>.self)
            let candidates = (heads .== first) .& (tails .== last)
            if any(candidates) {
                for j in 0..<32 where candidates[j] && memcmp(base + i + j, pin, n) == 0 { return i + j }
            }
            i += 32
        }
        while i + n <= to {
            if memcmp(base + i, pin, n) == 0 { return i }
            i += 1
        }
        return nil
    }

    static func contains(_ text: [UInt8], _ query: [UInt8]) -> Bool {
        text.withUnsafeBytes { text in query.withUnsafeBytes { first($0, in: text, from: 0, to: text.count) != nil } }
    }
}

/// Results of successive queries. A query that extends the previous one only searches that one's
/// matches, and Backspace finds an earlier result again without searching.
struct SearchCache: Sendable {
    private var entries: [(query: [UInt8], hits: [SearchCorpus.Hit])] = []

    mutating func hits(for query: [UInt8], in corpus: SearchCorpus) -> [SearchCorpus.Hit] {
        while let last = entries.last, !query.starts(with: last.query) { entries.removeLast() }
        if let last = entries.last, last.query == query { return last.hits }
        let hits = corpus.matches(query, after: entries.last?.hits)
        entries.append((query, hits))
        return hits
    }
}
