import Foundation
import JuryCore
import JuryDemo
import XCTest
@testable import JuryStore

/// The store's fast reader must read every file exactly as JSONDecoder does, and leave to
/// JSONDecoder (and its diagnostics) every text it is not sure of.
final class TokenReaderTests: XCTestCase {
    private func bothReaders<T: Decodable & Equatable>(_ type: T.Type, _ data: Data,
                                                      file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try JSONDecoder().decode(type, from: data)
        let fast = try XCTUnwrap(TokenReader.decode(type, from: data), "the fast reader refused a valid file", file: file, line: line)
        XCTAssertEqual(fast, expected, file: file, line: line)
    }

    func testTheDemoASyntheticCampaignAndTheHostileDossierReadTheSameAsWithJSONDecoder() throws {
        let demo = DemoCampaign.bundled()
        let synthetic = SyntheticCampaign.generate(dossiers: 300, reviewers: 4, seed: 31)
        let dossiers = demo.dossiers + synthetic.dossiers + [HostileDossier.make(number: 99_999)]
        let encoder = Document.encoder
        try bothReaders(DossiersFile.self, encoder.encode(DossiersFile(schemaVersion: currentSchemaVersion, dossiers: dossiers)))
        try bothReaders(Campaign.self, encoder.encode(demo.campaign))
        try bothReaders(Jury.self, encoder.encode(demo.jury))
        for sheet in demo.sheets + synthetic.sheets.prefix(200) {
            try bothReaders(ScoreSheet.self, encoder.encode(sheet))
        }
        // Compact text, as another tool might write it.
        try bothReaders([Dossier].self, JSONEncoder().encode(dossiers))
    }

    private struct Sample: Codable, Equatable {
        var text: String
        var count: Int
        var share: Double
        var flag: Bool
        var missing: Int?
        var absent: String?
        var list: [Int]
        var map: [String: String]
    }

    func testEscapesNumbersAndOptionalsReadAsJSONDecoderReadsThem() throws {
        let text = #"""
        {"text": "L\u2019Œuvre \"coopérative\"\n\t\\ \/ \ud83c\udf31 \u0000 日本", "count": -42, "share": 0.1,
         "flag": true, "missing": null, "list": [], "map": {"a": "é", "": "vide"}, "inconnu": {"x": [1, 2.5e3, null]}}
        """#
        try bothReaders(Sample.self, Data(text.utf8))
        try bothReaders(Sample.self, Data(#"{"text":"","count":0,"share":12,"flag":false,"list":[1,2],"map":{}}"#.utf8))
        try bothReaders(Sample.self, Data(#"{"text":"","count":9007199254740993,"share":1e-7,"flag":false,"list":[-0],"map":{}}"#.utf8))
        let negativeZero = try XCTUnwrap(TokenReader.decode(Sample.self, from: Data(#"{"text":"","count":0,"share":-0,"flag":false,"list":[],"map":{}}"#.utf8)))
        XCTAssertEqual(negativeZero.share.sign, try JSONDecoder().decode(Sample.self, from: Data(#"{"text":"","count":0,"share":-0,"flag":false,"list":[],"map":{}}"#.utf8)).share.sign)
    }

    /// Thousands of damaged files (a byte removed, added or changed): whatever the fast reader
    /// accepts, the old path — the store's own checks, then JSONDecoder — accepts too, as the same value.
    func testADamagedFileIsNeverAcceptedWhereJSONDecoderWouldNotBe() throws {
        let demo = DemoCampaign.bundled()
        let originals = try [Document.encoder.encode(demo.sheets[0]), JSONEncoder().encode(demo.sheets[1])]
        let dossier = try Document.encoder.encode([HostileDossier.make(number: 7), demo.dossiers[0]])
        let bytes: [UInt8] = Array(#""\,{}[]:0159-.eE+ aunlt/"#.utf8) + [0x00, 0x0A, 0x1B, 0xC3, 0xA9, 0xFF, 0xED]
        var random = SeededGenerator(seed: 2023)
        var accepted = 0
        func damaged(_ data: Data) -> Data {
            var copy = data
            for _ in 0...random.below(3) {
                let at = random.below(copy.count), byte = bytes[random.below(bytes.count)]
                switch random.below(3) {
                case 0: copy.remove(at: copy.startIndex + at)
                case 1: copy.insert(byte, at: copy.startIndex + at)
                default: copy[copy.startIndex + at] = byte
                }
            }
            return copy
        }
        for round in 0..<3_000 {
            let data = damaged(originals[round % 2])
            if let fast = TokenReader.decode(ScoreSheet.self, from: data) {
                accepted += 1
                XCTAssertNil(JSONText.firstFault(in: data), String(decoding: data, as: UTF8.self))
                XCTAssertEqual(try? JSONDecoder().decode(ScoreSheet.self, from: data), fast, String(decoding: data, as: UTF8.self))
            }
        }
        for _ in 0..<300 {
            let data = damaged(dossier)
            if let fast = TokenReader.decode([Dossier].self, from: data) {
                accepted += 1
                XCTAssertNil(JSONText.firstFault(in: data))
                XCTAssertEqual(try? JSONDecoder().decode([Dossier].self, from: data), fast)
            }
        }
        XCTAssertGreaterThan(accepted, 100, "some damage is harmless (inside a text, a space): the fast reader must still take those")
    }

    func testWhatItIsNotSureOfIsLeftToJSONDecoder() {
        let refused = [
            #"{"text":"a","count":1.5,"share":1,"flag":true,"list":[],"map":{}}"#,          // not an integer
            #"{"text":"a","count":99999999999999999999,"share":1,"flag":true,"list":[],"map":{}}"#,
            #"{"text":"a","count":1,"share":1e400,"flag":true,"list":[],"map":{}}"#,        // not representable
            #"{"text":"a","count":1,"count":2,"share":1,"flag":true,"list":[],"map":{}}"#,  // a key twice
            #"{"t\u0065xt":"a","count":1,"share":1,"flag":true,"list":[],"map":{}}"#,       // an escaped key
            #"{"text":"\ud800","count":1,"share":1,"flag":true,"list":[],"map":{}}"#,       // a lone surrogate
            "{\"text\":\"a\tb\",\"count\":1,\"share\":1,\"flag\":true,\"list\":[],\"map\":{}}", // a raw tab
            #"{"text":"a","count":1,"share":1,"flag":true,"list":[],"map":{},"x":"\u001"}"#,
            #"{"text":"a","count":01,"share":1,"flag":true,"list":[],"map":{}}"#,
            #"{"text":"a","count":1,"share":1,"flag":true,"list":[1,],"map":{}}"#,
            #"{"text":"a","count":1,"share":1,"flag":true,"list":[],"map":{}} x"#,
            #"{"text":"a","count":1,"share":1,"flag":tru,"list":[],"map":{}}"#,
            #"{"text":"a","count":1,"share":1,"flag":true,"list":[],"map":{}"#,
            #"{"text":null,"count":1,"share":1,"flag":true,"list":[],"map":{}}"#,
            "",
        ]
        for text in refused {
            XCTAssertNil(TokenReader.decode(Sample.self, from: Data(text.utf8)), text)
        }
        // Invalid UTF-8 in a field the model does not know: JSONDecoder would skip it, the store must not.
        var bytes = Data(#"{"text":"a","count":1,"share":1,"flag":true,"list":[],"map":{},"x":"#.utf8)
        bytes += Data([0x22, 0xC3, 0x28, 0x22, 0x7D])
        XCTAssertNil(TokenReader.decode(Sample.self, from: bytes))
        // A map of many keys would be searched key by key: JSONDecoder hashes them instead.
        let manyKeys = (0..<1_000).map { "\"k\($0)\": \"v\"" }.joined(separator: ",")
        XCTAssertNil(TokenReader.decode([String: String].self, from: Data("{\(manyKeys)}".utf8)))
        XCTAssertEqual(TokenReader.decode([String: String].self, from: Data(#"{"a": "1", "b": "2"}"#.utf8)), ["a": "1", "b": "2"])
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        XCTAssertNil(TokenReader.decode([JSONValue].self, from: Data(deep.utf8)))
    }
}
