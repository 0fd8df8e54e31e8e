/**
 * {@code rp serve}: an HTTP JSON API over the engine's Java API
 * ({@link org.robotphysicist.engine.api.RobotPhysicist}) built on Jetty's core server (no servlets).
 * {@link org.robotphysicist.engine.server.ApiServer} binds to the loopback address by default, loads saved surrogates, and answers posterior and EIG requests on a
 * bounded pool of workers, each with its own copy of every model. The endpoints and their JSON are
 * documented in {@code docs/http-api.md}.
 *
 * <p>Why Jetty: the JDK's {@code com.sun.net.httpserver} reads requests on blocking threads with no
 * read timeout and answers its own parse errors with HTML. Jetty 12's core API (no servlets, Java
 * 17) reads without blocking a thread per connection, limits header size and open connections, lets
 * one error handler answer the parser's own errors (bad Content-Length, request lines, ambiguous
 * paths) in JSON, and stops gracefully with a timeout; read deadlines for slow heads and bodies are
 * added here on top of it ({@link org.robotphysicist.engine.server.ConnectionWatchdog},
 * {@link org.robotphysicist.engine.server.RequestHandler}). Helidon SE 4 needs Java 21, and
 * Undertow offered nothing Jetty lacks for these needs.
 *
 * <p>Layering: the engine's application module; depends on {@code engine.api}, the inference and
 * design modules, models and data. An exception of a request becomes a JSON error: invalid input
 * 400, a failed simulator 502, anything else 500 (docs/http-api.md).
 */
package org.robotphysicist.engine.server;
