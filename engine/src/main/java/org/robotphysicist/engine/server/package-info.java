/**
 * {@code rp serve}: an HTTP JSON API over the engine's Java API
 * ({@link org.robotphysicist.engine.api.RobotPhysicist}) built on Jetty's core server (no servlets).
 * {@link org.robotphysicist.engine.server.ApiServer} binds to the loopback address by default, loads saved surrogates, and answers posterior and EIG requests on a
 * bounded pool of workers, each with its own copy of every model. The endpoints and their JSON are
 * documented in {@code docs/http-api.md}.
 */
package org.robotphysicist.engine.server;
