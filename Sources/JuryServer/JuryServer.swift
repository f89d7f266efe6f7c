import Foundation
import JuryCore
import JuryStore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// The socket side of the jury server. SwiftNIO rather than a hand-written poll loop: it gives
/// non-blocking accept, reads and writes on every core, back-pressure and timers, which a hostile
/// client must not be able to defeat, and binds Unix-domain sockets directly (docs/ARCHITECTURE.md, « The server »).
public final class JuryServer: @unchecked Sendable {
    public let socketPath: String
    private let service: JuryService
    private let group: MultiThreadedEventLoopGroup
    private var channel: Channel?
    private let log: @Sendable (String) -> Void
    /// Open connections per account, and in all: 1 000 connections from one member must not lock the others out.
    private let counts = NIOLockedValueBox<[UInt32: Int]>([:])

    public init(service: JuryService, socketPath: String, log: @escaping @Sendable (String) -> Void) {
        self.service = service
        self.socketPath = socketPath
        self.log = log
        group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
    }

    /// Binds the socket (mode 0660, in `group` when given: only the jury's group can connect) and starts accepting.
    public func start(group socketGroup: gid_t?) throws {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 1 << 20, high: 8 << 20))
            .childChannelInitializer { [self] channel in self.accept(channel) }
        // Created 0660 from the start: there is no moment when others could connect.
        let previous = umask(0o117)
        defer { umask(previous) }
        channel = try bootstrap.bind(unixDomainSocketPath: socketPath, cleanupExistingSocketFile: true).wait()
        if let socketGroup, chown(socketPath, uid_t.max, socketGroup) != 0 {
            throw ServerStartFailure(service.language.text(.serverSocketChgrpFailed,
                                                            ["socket": socketPath, "error": String(cString: strerror(errno))]))
        }
        chmod(socketPath, 0o660)
    }

    public func wait() throws { try channel?.closeFuture.wait() }

    /// Stops accepting and removes the socket's file, which NIO leaves behind: a console then finds
    /// no server (and says so) rather than a socket nobody answers. `wait()` returns.
    public func stop() {
        unlink(socketPath)
        channel?.close(promise: nil)
    }

    private func accept(_ channel: Channel) -> EventLoopFuture<Void> {
        PeerCredentials.of(channel).flatMap { [self] credentials -> EventLoopFuture<Void> in
            let who = UnixAccounts.login(of: credentials.uid) ?? "uid\(credentials.uid)"
            let admitted = counts.withLockedValue { counts -> Bool in
                let total = counts.values.reduce(0, +)
                guard total < WireLimits.connections, counts[credentials.uid, default: 0] < WireLimits.connectionsPerAccount else { return false }
                counts[credentials.uid, default: 0] += 1
                return true
            }
            guard admitted else {
                log(service.language.text(.serverLogTooManyConnections, ["login": who, "uid": credentials.uid]))
                return channel.close()
            }
            channel.closeFuture.whenComplete { [self] _ in
                counts.withLockedValue { counts in
                    counts[credentials.uid, default: 1] -= 1
                    if counts[credentials.uid] == 0 { counts[credentials.uid] = nil }
                }
            }
            let chair = service.store.jury.member(who)?.role == .chair
            let limit = chair ? WireLimits.chairRequestBytes : WireLimits.memberRequestBytes
            let connection = Connection(channel: channel, login: who, uid: credentials.uid, language: service.language, log: log)
            connection.rearmIdle(service)
            return channel.pipeline.addHandlers([
                ByteToMessageHandler(LineFrames(limit: limit) { partial, loop in connection.request(pending: partial, on: loop) }),
                RequestHandler(connection: connection, service: service),
            ])
        }.flatMapErrorThrowing { error in
            self.log(self.service.language.text(.serverLogUnreadablePeer, ["error": error]))
            channel.close(promise: nil)
        }
    }
}

public struct ServerStartFailure: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// One member's connection: thread-safe sending with a bound on what they leave unread.
final class Connection: MemberConnection, @unchecked Sendable {
    let channel: Channel
    let login: String
    let uid: UInt32
    /// The server's log language: why the connection was closed.
    let language: Language
    private let log: @Sendable (String) -> Void
    private let unread = NIOLockedValueBox(0)
    /// Requests received and not yet answered.
    let queued = NIOLockedValueBox(0)
    /// When the request being received started arriving (a slow or stalled sender is cut off).
    let deadline = NIOLockedValueBox<Scheduled<Void>?>(nil)
    /// Closes the connection when it has sent nothing for a while and is not a console waiting for pushes.
    let idle = NIOLockedValueBox<Scheduled<Void>?>(nil)
    /// Where this connection's requests are decoded, in order, off the event loop: the chair's
    /// import (up to 256 MiB) takes seconds to decode, and the loop serves other members meanwhile.
    let decoding = DispatchQueue(label: "ptce-jury.connection")

    init(channel: Channel, login: String, uid: UInt32, language: Language, log: @escaping @Sendable (String) -> Void) {
        self.channel = channel
        self.login = login
        self.uid = uid
        self.language = language
        self.log = log
    }

    var who: String { "\(login) (uid \(uid))" }

    var isOpen: Bool { channel.isActive }

    /// Part of a request is waiting (`pending`), or none is: each request must arrive whole within
    /// `WireLimits.requestSeconds` of its first byte, including one that follows a whole request in
    /// the same read.
    func request(pending: Bool, on loop: EventLoop) {
        deadline.withLockedValue { deadline in
            guard pending else {
                deadline?.cancel()
                deadline = nil
                return
            }
            guard deadline == nil else { return }
            deadline = loop.scheduleTask(in: .seconds(WireLimits.requestSeconds)) { [self] in
                refuse(language.text(.serverLogRequestIncomplete, ["seconds": WireLimits.requestSeconds]))
            }
        }
    }

    /// After each request: the connection is closed after `WireLimits.idleSeconds` without another,
    /// unless `service` says a console is attached on it (it waits for pushes, by design).
    func rearmIdle(_ service: JuryService) {
        idle.withLockedValue { idle in
            idle?.cancel()
            idle = channel.eventLoop.scheduleTask(in: .seconds(WireLimits.idleSeconds)) { [self] in
                service.closeIfIdle(self)
            }
        }
    }

    func send(_ line: Data) {
        let pending = unread.withLockedValue { value -> Int in
            value += line.count
            return value
        }
        // A client that stops reading would make the server hold every push for it.
        guard pending <= WireLimits.unreadBytes else {
            refuse(language.text(.serverLogNotReading, ["bytes": pending]))
            return
        }
        let promise = channel.eventLoop.makePromise(of: Void.self)
        promise.futureResult.whenComplete { [unread] _ in unread.withLockedValue { $0 -= line.count } }
        channel.writeAndFlush(ByteBuffer(bytes: line), promise: promise)
    }

    func refuse(_ why: String) {
        log(language.text(.serverLogConnectionClosed, ["who": who, "reason": why]))
        channel.close(promise: nil)
    }
}

/// Decodes each line into a request and hands it to the service, in order.
final class RequestHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let connection: Connection
    let service: JuryService

    init(connection: Connection, service: JuryService) {
        self.connection = connection
        self.service = service
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        connection.rearmIdle(service)
        let waiting = connection.queued.withLockedValue { value -> Int in
            value += 1
            return value
        }
        guard waiting <= WireLimits.queuedRequests else {
            connection.refuse(connection.language.text(.serverLogTooManyQueued, ["requests": WireLimits.queuedRequests]))
            return
        }
        let bytes = unwrapInboundIn(data)
        let (connection, service) = (connection, service)
        connection.decoding.async {
            guard connection.isOpen else { return }
            let line = Data(bytes.readableBytesView)
            // Not even JSON: the link is cut (a stream out of step cannot be answered line by line).
            guard let envelope = try? JSONDecoder().decode(WireEnvelope.self, from: line) else {
                if let refusal = try? Wire.line(WireAnswer(id: nil, refusal: Refusal(.unreadable, ["problem": "json", "bytes": "\(line.count)"]))) {
                    connection.send(refusal)
                }
                connection.refuse(connection.language.text(.serverLogUnreadableRequest, ["bytes": line.count]))
                return
            }
            service.submit(line, envelope: envelope, from: connection) { answer in
                connection.queued.withLockedValue { $0 -= 1 }
                connection.send(answer)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.deadline.withLockedValue { $0?.cancel() }
        connection.idle.withLockedValue { $0?.cancel() }
        service.detach(connection)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        connection.refuse((error as? LineTooLong).map { connection.language.text(.serverLogLineTooLong, ["bytes": $0.limit]) }
                          ?? String(describing: error))
    }
}
