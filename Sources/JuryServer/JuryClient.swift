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
        var pending: [Int: EventLoopPromise<Data>] = [:]
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

    /// Sends `request` and waits for its answer. `session` names the console (nil: a command);
    /// `change`, the number of a change in the console's outbox, recognised by the server if sent again.
    public func call<R: JuryRequest>(_ request: R, session: String? = nil, language: Language, change: Int? = nil,
                                     timeout seconds: Int64 = 60) throws(ClientFailure) -> R.Response {
        let line = try exchange(timeout: seconds) { id throws(ClientFailure) in
            do { return try Wire.requestLine(request, id: id, session: session, language: language, change: change) } catch {
                throw .refused(Localized(.clientCannotEncodeRequest, ["error": error]))
            }
        }
        do {
            return try JSONDecoder().decode(WireResult<R.Response>.self, from: line).result
        } catch {
            throw .refused(Localized(.clientUnreadableAnswer, ["request": R.name]))
        }
    }

    /// Writes the line `encode` makes with a new id and waits for the answer's line; a refusal is thrown.
    private func exchange(timeout seconds: Int64, _ encode: (Int) throws(ClientFailure) -> Data) throws(ClientFailure) -> Data {
        let channel = try connected()
        let promise = channel.eventLoop.makePromise(of: Data.self)
        let id = state.withLockedValue { state -> Int? in
            // Lost meanwhile: nothing would ever answer.
            guard state.channel === channel else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.pending[id] = promise
            return id
        }
        guard let id else { throw .lost }
        defer { _ = state.withLockedValue { $0.pending.removeValue(forKey: id) } }
        let line = try encode(id)
        let timer = channel.eventLoop.scheduleTask(in: .seconds(seconds)) { promise.fail(ClientFailure.timedOut(seconds)) }
        defer { timer.cancel() }
        // A link that closed between the check and the write fails the call at once, not at its timeout.
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { _ in promise.fail(ClientFailure.lost) }
        channel.writeAndFlush(ByteBuffer(bytes: line), promise: written)
        let answer: Data
        do {
            answer = try promise.futureResult.wait()
        } catch let failure as ClientFailure {
            throw failure
        } catch {
            throw .lost
        }
        if let refusal = (try? JSONDecoder().decode(WireAnswer.self, from: answer))?.refusal { throw .refusal(refusal) }
        return answer
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

    fileprivate func received(_ line: Data, _ header: WireAnswer) {
        if let push = header.push {
            onPush(push)
            return
        }
        guard let id = header.id else {
            // The server refused the link itself (an unreadable request): every call waiting fails with its word.
            failAll(header.refusal.map(ClientFailure.refusal) ?? .refused(Localized(.clientRefusedByServer)))
            return
        }
        let promise = state.withLockedValue { $0.pending.removeValue(forKey: id) }
        promise?.succeed(line)
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
        let waiting = state.withLockedValue { state -> [EventLoopPromise<Data>] in
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
    case refused(Localized)
    /// The server's refusal, worded on this side (`text`).
    case refusal(Refusal)

    public var description: String { text(.fr) }

    /// In the member's language.
    public func text(_ l: Language) -> String {
        switch self {
        case let .unreachable(path, why):
            return l.text(.juryServerUnreachable, ["path": path, "why": why])
        case .lost: return l.text(.linkToTheJuryServerLost)
        case .timedOut(let seconds): return l.text(.theJuryServerDidNotAnswerWithin, ["seconds": seconds])
        case .refused(let why): return why.text(l)
        case .refusal(let refusal): return refusal.text(l)
        }
    }
}

private final class AnswerHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    /// Weak: the link must not keep its client alive (the client owns the link, not the reverse).
    weak var client: JuryClient?

    init(client: JuryClient) { self.client = client }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = Data(unwrapInboundIn(data).readableBytesView)
        guard let header = try? JSONDecoder().decode(WireAnswer.self, from: line) else {
            context.close(promise: nil)
            return
        }
        client?.received(line, header)
    }

    func channelInactive(context: ChannelHandlerContext) {
        client?.lost(context.channel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
