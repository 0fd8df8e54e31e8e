"""The ``rp`` command line from Python: simulate, train, and start ``rp serve`` on a free port."""
import os
import shlex
import shutil
import subprocess
import tempfile
import time

from .client import Client


class RpError(RuntimeError):
    """An ``rp`` command failed: ``exit_code`` and its standard error (the one-line reason) in the message."""

    def __init__(self, command, exit_code, stderr):
        super().__init__(f"rp {command} failed (exit {exit_code}): {stderr.strip()}")
        self.exit_code = exit_code
        self.stderr = stderr


def options(**values):
    """Command-line options from keyword arguments: ``training_rows=200000`` becomes
    ``--training-rows 200000``, a list or tuple its comma-separated values (``prior=[0.15, 0.35]``
    gives ``--prior 0.15,0.35``), True a flag, False its ``--no-`` form, None nothing."""
    args = []
    for key, value in values.items():
        name = "--" + key.replace("_", "-")
        if value is None:
            continue
        if value is True:
            args.append(name)
        elif value is False:
            args.append("--no-" + key.replace("_", "-"))
        elif isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
            items = value.tolist() if hasattr(value, "tolist") else value
            args += [name, ",".join(str(v) for v in items)]
        else:
            args += [name, str(value)]
    return args


class Rp:
    """The ``rp`` launcher.

    command: how to run it, a string (split like a shell would) or a list, e.g. ``"./rp"`` from the
    repository root; default: the environment variable ``RP_COMMAND``, else ``rp`` on the PATH.
    """

    def __init__(self, command=None):
        command = command or os.environ.get("RP_COMMAND") or shutil.which("rp")
        if not command:
            raise RpError("launcher", 0, "expected a command to run rp (Rp('path/to/rp'), RP_COMMAND, or rp on"
                                         " the PATH) but found none")
        self.command = shlex.split(command) if isinstance(command, str) else list(command)

    def run(self, *args):
        """Runs ``rp ARGS...`` to completion and returns its standard output; raises ``RpError`` on failure."""
        p = subprocess.run(self.command + [str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True)
        if p.returncode != 0:
            raise RpError(args[0] if args else "", p.returncode, p.stderr)
        return p.stdout

    def simulate(self, out, **opts):
        """``rp simulate --out OUT ...`` (e.g. ``simulator="weinberg-lo", theta=[0.2312], phi=[58],
        events=500, seed=1``); returns ``out``. ``read_events(out)`` reads the CSV back."""
        self.run("simulate", *options(out=out, quiet=True, **opts))
        return out

    def train(self, out, **opts):
        """``rp train -o OUT ...`` (e.g. ``surrogate="classifier", prior=[0.15, 0.35], phi_range=[50, 70],
        training_rows=200000, epochs=4, events=500``); returns ``out``, the model file for ``serve``."""
        self.run("train", "--output", out, *options(quiet=True, **opts))
        return out

    def serve(self, models, startup_timeout=180, **opts):
        """Starts ``rp serve`` on a free loopback port and waits until it listens.

        models: ``{NAME: MODEL_FILE}``; other keyword arguments are ``rp serve`` options (``workers=4``,
        ``timeout=120``, ``host=...``; default port 0, a free one). Returns a ``Server``, also a
        context manager that stops it. Raises ``RpError`` when the server exits before it listens
        or does not listen within ``startup_timeout`` seconds.
        """
        return Server(self.command, models, startup_timeout, opts)


class Server:
    """A running ``rp serve`` started by ``Rp.serve``: ``url``, ``client()``, ``stop()``.

    It is started with ``--ready-file``: ``rp serve`` writes its URL to that file once it listens,
    so the port chosen by ``--port 0`` is known without parsing its output.
    """

    def __init__(self, command, models, startup_timeout, opts):
        self._dir = tempfile.mkdtemp(prefix="rp-serve-")
        ready = os.path.join(self._dir, "url")
        self._stderr = open(os.path.join(self._dir, "stderr"), "w+")
        model_args = []
        for name, path in models.items():
            model_args += ["--model", f"{name}={path}"]
        opts = dict({"port": 0, "quiet": True}, **opts)
        self._process = subprocess.Popen(command + ["serve"] + model_args + options(ready_file=ready, **opts),
                                         stdout=subprocess.DEVNULL, stderr=self._stderr)
        deadline = time.monotonic() + startup_timeout
        while not os.path.exists(ready):
            if self._process.poll() is not None:
                self._fail(f"exited before listening (exit {self._process.returncode})")
            if time.monotonic() > deadline:
                self.stop()
                self._fail(f"did not listen within {startup_timeout} s")
            time.sleep(0.05)
        with open(ready) as f:
            self.url = f.read().strip()

    def _fail(self, what):
        self._stderr.seek(0)
        message = self._stderr.read()
        self._cleanup()
        raise RpError("serve", self._process.returncode or 0, f"the server {what}: {message}")

    def client(self, timeout=120):
        """A ``Client`` of this server."""
        return Client(self.url, timeout=timeout)

    @property
    def running(self):
        """True while the server process runs."""
        return self._process.poll() is None

    def stop(self, timeout=30):
        """Stops the server gracefully (SIGTERM: running requests finish or get 503) and waits for it;
        kills it after ``timeout`` seconds. Returns its exit code."""
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._cleanup()
        return self._process.returncode

    def _cleanup(self):
        if not self._stderr.closed:
            self._stderr.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def __repr__(self):
        return f"Server({self.url}, {'running' if self.running else 'stopped'})"
