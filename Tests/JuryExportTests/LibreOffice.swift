import Foundation
import XCTest

/// LibreOffice run headless, as a ministry's spreadsheet. CI installs it (`.ci/run`:
/// libreoffice-calc-nogui) and sets PTCE_JURY_REQUIRE_LIBREOFFICE=1, so that a test needing it
/// fails there rather than skipping; elsewhere the test says why it is skipped.
enum LibreOffice {
    /// What a French user's LibreOffice does with a `;` CSV: separator `;` (59), text between `"` (34),
    /// UTF-8 (76), from line 1, standard columns, French (1036), quoted fields not forced to text,
    /// special numbers detected (« 3 % », « 100 000 € »), and formulas evaluated (the 13th option).
    static let frenchCSVImport = "Text - txt - csv (StarCalc):59,34,76,1,,1036,false,true,false,false,false,-1,true"
    /// The first sheet as `;` CSV in UTF-8, each cell as it is shown.
    static let frenchCSVExport = "csv:Text - txt - csv (StarCalc):59,34,76,1,,1036,false,true,true"

    static func executable() throws -> String {
        if let found = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) {
            return found
        }
        let why = "LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"
        if ProcessInfo.processInfo.environment["PTCE_JURY_REQUIRE_LIBREOFFICE"] == "1" {
            XCTFail(why + ", and this run requires it (PTCE_JURY_REQUIRE_LIBREOFFICE=1)")
        }
        throw XCTSkip(why + ": the check in LibreOffice was skipped")
    }

    /// Converts `file` into `directory` (`convertTo`: "ods", or an export filter), reading it with
    /// `importFilter` if given; the converted file.
    static func convert(_ file: URL, to convertTo: String, importFilter: String? = nil, in directory: URL) throws -> URL {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable())
        process.arguments = ["--headless", "-env:UserInstallation=file://\(directory.path)/profile"]
            + (importFilter.map { ["--infilter=\($0)"] } ?? []) + ["--convert-to", convertTo, "--outdir", directory.path, file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let extensionName = String(convertTo.prefix { $0 != ":" })
        let converted = directory.appending(path: file.deletingPathExtension().lastPathComponent + "." + extensionName)
        guard FileManager.default.fileExists(atPath: converted.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: converted.path,
                                                          NSLocalizedDescriptionKey: "LibreOffice did not convert \(file.lastPathComponent)"])
        }
        return converted
    }
}
