import NIOCore

/// Splits the stream into lines of at most `limit` bytes. NIOExtras' LineBasedFrameDecoder has no
/// bound: a client sending 100 MB without a newline would be buffered whole, so this one refuses
/// the connection as soon as a line grows past the cap.
struct LineFrames: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    let limit: Int
    /// Told, each time the decoder waits for more bytes, whether part of a request is waiting: the
    /// server's clock for a request arriving whole (nil: a client's decoder, which needs none).
    let waiting: (@Sendable (_ partial: Bool, _ loop: EventLoop) -> Void)?
    /// Where the search for the next newline resumes: a long line is not scanned again from its start.
    private var scanned = 0

    init(limit: Int, waiting: (@Sendable (_ partial: Bool, _ loop: EventLoop) -> Void)? = nil) {
        self.limit = limit
        self.waiting = waiting
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        if let newline = view.dropFirst(scanned).firstIndex(of: 0x0A) {
            let length = newline - view.startIndex
            guard length <= limit else { throw LineTooLong(limit: limit) }
            let line = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            scanned = 0
            // This request is whole; what follows it in the buffer is the next one, timed from now.
            waiting?(false, context.eventLoop)
            if buffer.readableBytes > 0 { waiting?(true, context.eventLoop) }
            context.fireChannelRead(wrapInboundOut(line))
            return .continue
        }
        scanned = view.count
        if view.count > limit { throw LineTooLong(limit: limit) }
        waiting?(!view.isEmpty, context.eventLoop)
        return .needMoreData
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A request cut by the end of the stream was never whole: it is dropped, not guessed at.
        while try decode(context: context, buffer: &buffer) == .continue {}
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        return .needMoreData
    }
}

/// A request over `limit` bytes: the connection's log line says so in the server's language.
struct LineTooLong: Error {
    let limit: Int
}
