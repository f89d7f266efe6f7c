import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import JuryStore
import ZIPFoundation

/// An XLSX or ODS file: a ZIP archive of XML documents.
struct ZipPackage {
    let archive: Archive
    let url: URL

    /// An entry may not unpack to more than this: a small hostile file must not fill the memory.
    static let maxEntryBytes = 512 << 20

    init(_ data: Data, _ url: URL) throws(StoreFailure) {
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw StoreFailure([ImportProblem.at(url, "archive ZIP illisible (fichier tronqué ou abîmé ?)")])
        }
        self.url = url
    }

    func contains(_ path: String) -> Bool { archive[path] != nil }

    /// The entry's bytes, or nil when the archive has no such entry.
    func data(_ path: String) throws(StoreFailure) -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > ZipPackage.maxEntryBytes { throw ArchiveTooLarge() }
            }
        } catch is ArchiveTooLarge {
            throw StoreFailure([ImportProblem.at(url, path: path, "élément de plus de \(ZipPackage.maxEntryBytes >> 20) Mio une fois décompressé")])
        } catch {
            throw StoreFailure([ImportProblem.at(url, path: path, "élément illisible dans l’archive (fichier abîmé ?)")])
        }
        return data
    }

    private struct ArchiveTooLarge: Error {}
}

/// A SAX handler for the XML of office files. Names lose their namespace prefix (`table:table-cell`
/// → `table-cell`): files from other programs may use other prefixes for the same namespaces.
class OfficeXMLHandler: NSObject, XMLParserDelegate {
    func start(_ name: Substring, _ attributes: [Substring: String]) {}
    func end(_ name: Substring) {}
    func text(_ string: String) {}

    /// Elements open: a document that ends with some still open is truncated.
    private var depth = 0

    final func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                      attributes: [String: String] = [:]) {
        depth += 1
        var local: [Substring: String] = [:]
        for (key, value) in attributes { local[OfficeXMLHandler.localName(key)] = value }
        start(OfficeXMLHandler.localName(elementName), local)
    }

    final func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        end(OfficeXMLHandler.localName(elementName))
    }

    final func parser(_ parser: XMLParser, foundCharacters string: String) { text(string) }

    private static func localName(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return name[...] }
        return name[name.index(after: colon)...]
    }

    /// Runs the handler over one entry of the archive; a syntax error names the entry, line and column.
    func parse(_ data: Data, entry: String, of url: URL) throws(StoreFailure) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        // On Linux parse() can return true with an error set, and says nothing of a truncated document.
        guard parser.parse(), parser.parserError == nil, depth == 0 else {
            let place = parser.lineNumber > 0 ? "\(entry):\(parser.lineNumber):\(parser.columnNumber)" : entry
            throw StoreFailure([ImportProblem.at(url, path: place, "XML invalide ou tronqué (fichier abîmé ?)")])
        }
    }
}
