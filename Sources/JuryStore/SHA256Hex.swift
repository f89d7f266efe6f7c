import Crypto

/// SHA-256 digests as the journal writes them: 64 lowercase hexadecimal digits.
enum SHA256Hex {
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Crypto.SHA256.hash(data: Array(bytes)).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }
}
