package org.robotphysicist.engine.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without blocking a thread: chunks are copied as Jetty delivers them, and
 * the reader asks to be called again when more may be read. The body completes the future. A body
 * of more than {@code maxBytes} (a chunked body with no Content-Length, a declared length over the
 * limit, or a client sending more than it declared) fails it with a 413 {@link HttpError}: once
 * its last byte has been read and thrown away when it ends within {@link #DRAINED_FACTOR} ×
 * {@code maxBytes} bytes, else as soon as it passes that. Why drain: a server that answers and
 * closes while the client is still sending leaves unread bytes in its socket, the close then
 * resets the connection, and the client may lose the answer to the reset (seen as "header parser
 * received no bytes" instead of the 413). Once the future is completed from outside (the read
 * deadline), reading stops. Not thread-safe: Jetty calls it serially.
 */
final class BodyReader implements Runnable {
    private final Request request;
    private final long maxBytes;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    /** Bytes received, kept or thrown away. */
    private long received;

    /** Bodies up to this multiple of the limit are read to their end before the 413. */
    static final long DRAINED_FACTOR = 2;

    private BodyReader(Request request, long maxBytes) {
        this.request = request;
        this.maxBytes = maxBytes;
    }

    /**
     * Whether a body of {@code declared} bytes (−1: not declared) is drained before its 413 rather
     * than refused at once: only a declared length over {@link #DRAINED_FACTOR} × {@code maxBytes}
     * is refused at once.
     */
    static boolean drains(long declared, long maxBytes) {
        return declared <= drainLimit(maxBytes);
    }

    private static long drainLimit(long maxBytes) {
        return maxBytes > Long.MAX_VALUE / DRAINED_FACTOR ? Long.MAX_VALUE : maxBytes * DRAINED_FACTOR;
    }

    /** Starts reading {@code request}'s body; the future completes with it or with the error. */
    static CompletableFuture<byte[]> read(Request request, long maxBytes) {
        BodyReader reader = new BodyReader(request, maxBytes);
        reader.run();
        return reader.body;
    }

    @Override
    public void run() {
        while (!body.isDone()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                body.completeExceptionally(new HttpError(400, "request body: expected a complete body but reading it"
                        + " failed: " + chunk.getFailure()));
                return;
            }
            boolean last = chunk.isLast();
            try {
                ByteBuffer buffer = chunk.getByteBuffer();
                received += buffer.remaining();
                if (received > drainLimit(maxBytes)) {
                    body.completeExceptionally(tooLarge());
                    return;
                }
                if (received <= maxBytes) {
                    byte[] copy = new byte[buffer.remaining()];
                    buffer.get(copy);
                    bytes.write(copy, 0, copy.length);
                }
            } finally {
                chunk.release();
            }
            if (last) {
                if (received > maxBytes) {
                    body.completeExceptionally(tooLarge());
                } else {
                    body.complete(bytes.toByteArray());
                }
            }
        }
    }

    private HttpError tooLarge() {
        return tooLarge(maxBytes, request.getLength());
    }

    /** The 413 for a body over {@code maxBytes}, naming its declared length when there is one (≥ 0). */
    static HttpError tooLarge(long maxBytes, long declared) {
        return new HttpError(413, "request body: expected at most " + maxBytes + " bytes but found "
                + (declared >= 0 ? "a Content-Length of " + declared : "more"));
    }
}
