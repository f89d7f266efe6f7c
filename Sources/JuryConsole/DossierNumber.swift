import JuryCore

/// A dossier's number (its Démarches Simplifiées number), as the jury names it. The console's
/// views hold positions in `ConsoleData.dossiers` instead (`position`), which change whenever the
/// store does: the two are different types so that one cannot be taken for the other.
public struct DossierNumber: Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public let value: Int

    public init(_ value: Int) { self.value = value }
    public init(integerLiteral value: Int) { self.value = value }

    public var description: String { String(value) }

    public static func < (a: DossierNumber, b: DossierNumber) -> Bool { a.value < b.value }
}

extension Dossier {
    var dossierNumber: DossierNumber { DossierNumber(number) }
}

extension ScoreSheet {
    var dossierNumber: DossierNumber { DossierNumber(dossier) }
}
