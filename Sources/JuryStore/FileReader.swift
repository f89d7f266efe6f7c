import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads whole files with plain system calls: opening a campaign reads thousands of small
/// files, and FileManager's per-file overhead would dominate.
enum FileReader {
    static let reading = Localized(.cannotRead)

    /// The file's bytes, or nil when it does not exist. The size is checked before anything is read.
    static func read(_ url: URL, limit: Int) throws(StoreProblem) -> Data? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw SystemError.problem(url, errno, reading)
        }
        defer { close(fd) }
        var info = stat()
        try SystemError.check(fstat(fd, &info), url, reading)
        guard info.st_mode & S_IFMT == S_IFREG else { throw StoreProblem(url, Localized(.isNotARegularFile)) }
        let size = Int(info.st_size)
        guard size <= limit else { throw tooLarge(url, size: size, limit: limit) }
        // One spare byte shows whether the file grew while we read it.
        var data = Data(count: size + 1)
        var total = 0
        while true {
            if total == data.count {
                guard total <= limit else { throw tooLarge(url, size: total, limit: limit) }
                data.count = min(limit + 1, data.count * 2)
            }
            let count = data.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + total, buffer.count - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemError.problem(url, errno, reading)
            }
            if count == 0 { break }
            total += count
        }
        guard total <= limit else { throw tooLarge(url, size: total, limit: limit) }
        data.count = total
        return data
    }

    private static func tooLarge(_ url: URL, size: Int, limit: Int) -> StoreProblem {
        StoreProblem(url, Localized { l in
            l.text(.fileTooLargeForALimit, ["size": byteCount(size, l), "bytes": size, "limit": byteCount(limit, l)])
        })
    }

    /// « 1,5 Mio », « 300 octets »; "1.5 MiB", "300 bytes".
    static func byteCount(_ bytes: Int, _ l: Language) -> String {
        if bytes < 1 << 10 { return "\(bytes) " + l.text(.bytes) }
        let (value, unit) = bytes < 1 << 20 ? (Double(bytes) / 1024, l.text(.kib)) : (Double(bytes) / 1_048_576, l.text(.mib))
        return (value == value.rounded() ? String(Int(value)) : Decimal2.format(value, digits: 1, language: l)) + " " + unit
    }
}
