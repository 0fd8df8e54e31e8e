package org.robotphysicist.engine.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import org.robotphysicist.data.InvalidInputException;

/**
 * Checks the address {@code rp serve} is to listen on before it loads anything, so each problem is
 * one clear line: a name that does not resolve or an address that is not this machine's is
 * invalid input; a port another program holds is a runtime failure ({@link UncheckedIOException}).
 */
final class ListenAddress {
    private ListenAddress() {
    }

    /**
     * {@code host} resolved, required to be a wildcard, loopback or interface address of this
     * machine.
     */
    static InetAddress resolveLocal(String option, String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new InvalidInputException(option + ": expected an address or a host name that resolves (such as"
                    + " 127.0.0.1) but found '" + host + "', which does not resolve");
        }
        boolean local;
        try {
            local = address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            local = false;
        }
        if (!local) {
            throw new InvalidInputException(option + ": expected an address of this machine (127.0.0.1, 0.0.0.0 for"
                    + " every interface, or an interface's address) but found '" + host + "' ("
                    + address.getHostAddress() + "), which no network interface here has");
        }
        return address;
    }

    /** Fails when {@code port} (other than 0, any free port) cannot be bound on {@code address} now. */
    static void requireFree(InetAddress address, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            throw bindFailure(address.getHostAddress(), port, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on " + address.getHostAddress() + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** The one-line failure for a port that cannot be bound. */
    static UncheckedIOException bindFailure(String host, int port, BindException e) {
        return new UncheckedIOException("could not listen on " + host + ":" + port + ": expected a free port but "
                + "it is taken (" + e.getMessage() + "); choose another --port, or 0 for any free one", e);
    }
}
