"""Serve a simulator to Robot Physicist over stdin/stdout (protocol version 1).

Standard library only. The protocol is specified in docs/simulator-protocol.md; in short:

    handshake  (we write)   rp-simulator 1 / name N / theta|phi|x NAME LO HI ... / ready
    request    (we read)    simulate ID N SEED THETA... PHI...
    reply      (we write)   events ID N / N lines of x / end ID      or      error ID MESSAGE
    shutdown   (we read)    quit   (or end of input)

Use it by describing your parameters and passing a function that draws events:

    from rp_simulator_protocol import serve, SimulationError

    def simulate(theta, phi, n, rng):          # theta, phi: lists of floats; rng: random.Random
        return [[rng.gauss(theta[0], phi[0] ** 0.5)] for _ in range(n)]

    serve("my-sim", theta=[("mu", -10, 10)], phi=[("variance", 1e-6, 1e6)],
          x=[("x", float("-inf"), float("inf"))], simulate=simulate)

Raise SimulationError(message) to refuse a request; the engine reports the message and keeps the
process. Write logs to sys.stderr only: stdout belongs to the protocol.
"""

import os
import random
import sys

PROTOCOL_VERSION = 1


class SimulationError(Exception):
    """A request this simulator cannot serve; becomes an 'error ID MESSAGE' reply."""


def _number(value):
    """Protocol text for a float: shortest round-trip repr, 'inf' and '-inf' for infinities."""
    value = float(value)
    if value != value:
        raise ValueError("NaN is not allowed in the protocol")
    if value == float("inf"):
        return "inf"
    if value == float("-inf"):
        return "-inf"
    return repr(value)


def _handshake(out, name, theta, phi, x):
    lines = ["rp-simulator %d" % PROTOCOL_VERSION, "name " + name]
    labels = []
    for keyword, specs in (("theta", theta), ("phi", phi), ("x", x)):
        if not specs:
            raise ValueError("at least one %s component is required" % keyword)
        for spec in specs:
            spec_name, lower, upper = spec[:3]
            lines.append("%s %s %s %s" % (keyword, spec_name, _number(lower), _number(upper)))
            if len(spec) == 5:  # (name, lower, upper, unit, display name): a label line
                labels.append("label %s %s %s" % (spec_name, spec[3] or "-", spec[4]))
    lines.extend(labels)
    lines.append("ready")
    out.write("\n".join(lines) + "\n")
    out.flush()


def _reply_error(out, request_id, message):
    out.write("error %s %s\n" % (request_id, " ".join(str(message).split())))
    out.flush()


def serve(name, theta, phi, x, simulate, stdin=None, stdout=None):
    """Runs the protocol loop until 'quit' or end of input.

    theta, phi, x: lists of (name, lower, upper) or (name, lower, upper, unit, display name), the
    latter announcing a 'label' line for plots ("" for no unit); simulate(theta, phi, n, rng) returns n events,
    each a sequence of len(x) finite floats inside the x bounds.
    """
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    offered = int(os.environ.get("RP_SIMULATOR_PROTOCOL", PROTOCOL_VERSION))
    if offered < PROTOCOL_VERSION:
        stdout.write("error this simulator speaks protocol %d but the engine offers only %d\n"
                     % (PROTOCOL_VERSION, offered))
        stdout.flush()
        return 1
    _handshake(stdout, name, theta, phi, x)
    d_theta, d_phi, d_x = len(theta), len(phi), len(x)
    for line in stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        request_id = words[1] if len(words) > 1 and words[1].isdigit() else "0"
        if words[0] != "simulate" or len(words) != 4 + d_theta + d_phi:
            _reply_error(stdout, request_id, "expected 'simulate ID N SEED' and %d theta and %d phi values"
                         " but found: %s" % (d_theta, d_phi, line.strip()))
            continue
        try:
            n = int(words[2])
            seed = int(words[3])
            values = [float(v) for v in words[4:]]
        except ValueError as e:
            _reply_error(stdout, request_id, "malformed request (%s): %s" % (e, line.strip()))
            continue
        if n < 1 or not 0 <= seed < 2 ** 64:
            _reply_error(stdout, request_id, "expected N >= 1 and 0 <= SEED < 2^64 but found N=%d SEED=%d"
                         % (n, seed))
            continue
        try:
            events = simulate(values[:d_theta], values[d_theta:], n, random.Random(seed))
            body = []
            for event in events:
                if len(event) != d_x:
                    raise ValueError("an event with %d values; expected %d" % (len(event), d_x))
                body.append(" ".join(_number(v) for v in event))
            if len(body) != n:
                raise ValueError("%d events; expected %d" % (len(body), n))
        except SimulationError as e:
            _reply_error(stdout, request_id, e)
            continue
        stdout.write("events %s %d\n%s\nend %s\n" % (request_id, n, "\n".join(body), request_id))
        stdout.flush()
    return 0
