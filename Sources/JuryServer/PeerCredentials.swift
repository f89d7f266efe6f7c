import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// Who is at the other end of a Unix-domain socket, as the kernel says (SO_PEERCRED): nothing the
/// client sends can change it. Glibc's `struct ucred` is not imported into Swift (it needs
/// _GNU_SOURCE), so it is read as its three 32-bit fields (docs/ARCHITECTURE.md, « The server »).
struct PeerCredentials: Sendable, Equatable {
    var pid: Int32
    var uid: UInt32
    var gid: UInt32

    static let option = SocketOptionName(17)   // SO_PEERCRED on Linux

    static func of(_ channel: Channel) -> EventLoopFuture<PeerCredentials> {
        guard let provider = channel as? SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
        }
        return provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: option)
    }
}
