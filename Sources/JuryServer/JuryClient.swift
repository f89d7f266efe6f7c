import Foundation
import JuryCore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A console's or a command's link to the jury server: requests answered in order, pushes handed
/// to `onPush`. Calls block the caller (the console loop and the commands are synchronous); the
/// link is made on first use and again after it was lost.
public final class JuryClient: @unchecked Sendable {
    public let socketPath: String
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let state = NIOLockedValueBox(LinkState())
    private let onPush: @Sendable (MemberUpdate) -> Void
    private let onLost: @Sendable () -> Void

    private struct LinkState {
        var channel: Channel?
        var nextID = 1
        var pending: [Int: EventLoopPromise<WireResponse>] = [:]
    }

    public init(socketPath: String, onPush: @escaping @Sendable (MemberUpdate) -> Void = { _ in },
                onLost: @escaping @Sendable () -> Void = {}) {
        self.socketPath = socketPath
        self.onPush = onPush
        self.onLost = onLost
    }

    // Not the synchronous shutdown: the last reference may go on one of the group's own threads.
    deinit { group.shutdownGracefully { _ in } }

    public var isConnected: Bool { state.withLockedValue { $0.channel?.isActive ?? false } }

    /// Sends `request` (its id is set here) and waits for the answer.
    public func call(_ request: WireRequest, timeout seconds: Int64 = 60) throws(ClientFailure) -> WireResponse {
        let channel = try connected()
        let promise = channel.eventLoop.makePromise(of: WireResponse.self)
        var request = request
        let id = state.withLockedValue { state -> Int? in
            // Lost meanwhile: nothing would ever answer.
            guard state.channel === channel else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.pending[id] = promise
            return id
        }
        guard let id else { throw .lost }
        request.id = id
        let line: Data
        do { line = try Wire.line(request) } catch { throw .refused("requête impossible à encoder : \(error)") }
        let timer = channel.eventLoop.scheduleTask(in: .seconds(seconds)) { promise.fail(ClientFailure.timedOut(seconds)) }
        // A link that closed between the check and the write fails the call at once, not at its timeout.
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { _ in promise.fail(ClientFailure.lost) }
        channel.writeAndFlush(ByteBuffer(bytes: line), promise: written)
        defer {
            timer.cancel()
            _ = state.withLockedValue { $0.pending.removeValue(forKey: request.id) }
        }
        do {
            return try promise.futureResult.wait()
        } catch let failure as ClientFailure {
            throw failure
        } catch {
            throw .lost
        }
    }

    public func close() {
        let channel = state.withLockedValue { $0.channel }
        try? channel?.close().wait()
    }

    private func connected() throws(ClientFailure) -> Channel {
        if let channel = state.withLockedValue({ $0.channel }), channel.isActive { return channel }
        let bootstrap = ClientBootstrap(group: group).channelInitializer { [self] channel in
            channel.pipeline.addHandlers([ByteToMessageHandler(LineFrames(limit: WireLimits.answerBytes)), AnswerHandler(client: self)])
        }
        let channel: Channel
        do {
            channel = try bootstrap.connect(unixDomainSocketPath: socketPath).wait()
        } catch let error as IOError {
            throw .unreachable(socketPath, String(cString: strerror(error.errnoCode)))
        } catch {
            throw .unreachable(socketPath, String(describing: error))
        }
        state.withLockedValue { $0.channel = channel }
        return channel
    }

    fileprivate func received(_ response: WireResponse) {
        if let push = response.push {
            onPush(push)
            return
        }
        guard let id = response.id else {
            // The server refused the link itself (an unreadable request): every call waiting fails with its word.
            failAll(.refused(response.error ?? "refus du serveur"))
            return
        }
        let promise = state.withLockedValue { $0.pending.removeValue(forKey: id) }
        promise?.succeed(response)
    }

    fileprivate func lost(_ channel: Channel) {
        // Only the current link's end concerns the calls: an old link may close after a new one opened.
        let current = state.withLockedValue { state -> Bool in
            guard state.channel === channel else { return false }
            state.channel = nil
            return true
        }
        guard current else { return }
        failAll(.lost)
        onLost()
    }

    private func failAll(_ failure: ClientFailure) {
        let waiting = state.withLockedValue { state -> [EventLoopPromise<WireResponse>] in
            let all = Array(state.pending.values)
            state.pending = [:]
            return all
        }
        for promise in waiting { promise.fail(failure) }
    }
}

public enum ClientFailure: Error, CustomStringConvertible, Equatable {
    case unreachable(String, String)
    case lost
    case timedOut(Int64)
    case refused(String)

    public var description: String {
        switch self {
        case let .unreachable(path, why): return "serveur du jury injoignable (\(path) : \(why)) ; nouvel essai dans quelques secondes"
        case .lost: return "liaison avec le serveur du jury perdue"
        case .timedOut(let seconds): return "le serveur du jury n’a pas répondu en \(seconds) s"
        case .refused(let why): return why
        }
    }
}

private final class AnswerHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    /// Weak: the link must not keep its client alive (the client owns the link, not the reverse).
    weak var client: JuryClient?

    init(client: JuryClient) { self.client = client }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        guard let response = try? JSONDecoder().decode(WireResponse.self, from: Data(line.readableBytesView)) else {
            context.close(promise: nil)
            return
        }
        client?.received(response)
    }

    func channelInactive(context: ChannelHandlerContext) {
        client?.lost(context.channel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
