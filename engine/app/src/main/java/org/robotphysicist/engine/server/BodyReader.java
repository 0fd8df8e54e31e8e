package org.robotphysicist.engine.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without blocking a thread: chunks are copied as Jetty delivers them, and
 * the reader asks to be called again when more may be read. The body completes the future; more
 * than {@code maxBytes} (a chunked body with no Content-Length, or a client sending more than it
 * declared) fails it with a 413 {@link HttpError} at once. Once the future is completed from
 * outside (the read deadline), reading stops. Not thread-safe: Jetty calls it serially.
 */
final class BodyReader implements Runnable {
    private final Request request;
    private final long maxBytes;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private BodyReader(Request request, long maxBytes) {
        this.request = request;
        this.maxBytes = maxBytes;
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
                if (bytes.size() + (long) buffer.remaining() > maxBytes) {
                    body.completeExceptionally(new HttpError(413, "request body: expected at most " + maxBytes
                            + " bytes but found more"));
                    return;
                }
                byte[] copy = new byte[buffer.remaining()];
                buffer.get(copy);
                bytes.write(copy, 0, copy.length);
            } finally {
                chunk.release();
            }
            if (last) {
                body.complete(bytes.toByteArray());
            }
        }
    }
}
