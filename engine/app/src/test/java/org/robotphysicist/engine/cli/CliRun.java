package org.robotphysicist.engine.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the {@code rp} command line in-process: exit code, standard output and error. */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cl = Rp.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** A run of {@code common} followed by {@code more}. */
    static CliRun of(String[] common, String... more) {
        String[] args = java.util.Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, args, common.length, more.length);
        return of(args);
    }
}
