import Crypto
import Foundation

/// SHA-256 digests as the journal writes them, and as pièces are stored: 64 lowercase hexadecimal digits.
public enum SHA256Hex {
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        digits(Crypto.SHA256.hash(data: Array(bytes)))
    }

    /// A file's digest, hashed without a copy.
    public static func of(_ data: Data) -> String { digits(Crypto.SHA256.hash(data: data)) }

    private static func digits(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }
}
