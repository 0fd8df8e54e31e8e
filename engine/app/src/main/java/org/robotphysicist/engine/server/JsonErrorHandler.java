package org.robotphysicist.engine.server;

import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises itself, before a request reaches the endpoints — a garbage or
 * HTTP/0.9 request line, a bad, negative or repeated Content-Length, headers too large, an
 * ambiguous path such as {@code //health}, a request refused while stopping — with the same JSON
 * error document as every other answer, instead of an HTML page, and logs them like other
 * requests (escaped, {@link RequestLogLine}). Thread-safe.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final Consumer<String> log;

    JsonErrorHandler(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String message = (String) request.getAttribute(ERROR_MESSAGE);
        Object cause = request.getAttribute(ERROR_EXCEPTION);
        if (cause instanceof HttpException e) {
            status = e.getCode();
            message = message == null ? e.getReason() : message;
        }
        if (status < 400) {
            status = 500;
        }
        if (message == null) {
            message = cause instanceof Throwable t ? t.toString() : HttpStatus.getMessage(status);
        }
        HttpURI uri = request.getHttpURI();
        log.accept(RequestLogLine.of(request.getMethod(), uri == null ? null : uri.getPath(), status, 0));
        if (HttpStatus.hasNoBody(status)) {
            response.setStatus(status);
            callback.succeeded();
            return true;
        }
        JsonAnswer.write(response, callback, status, JsonAnswer.error(status, "HTTP request: expected a valid"
                + " HTTP/1.x request but found an error (" + message + ")"));
        return true;
    }
}
