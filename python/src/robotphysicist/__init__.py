"""Robot Physicist from Python: a client of the HTTP JSON API of ``rp serve``.

Standard library only; where NumPy is installed, arrays (posterior samples, grid points and
densities, events read from a CSV) come back as ``numpy.ndarray``, otherwise as lists.

    import robotphysicist as rpy

    rp = rpy.Rp("./rp")                                   # the command line, to train and serve
    rp.simulate("events.csv", theta=[0.2312], phi=[58], events=500)
    rp.train("w.rpm", prior=[0.15, 0.35], phi_range=[50, 70], training_rows=200000)
    with rp.serve({"w": "w.rpm"}) as server:              # rp serve --port 0 --ready-file ...
        client = server.client()
        events, phi = rpy.read_events("events.csv")
        post = client.posterior("w", phi, events, samples=1000)
        best = client.suggest_next("w", lower=[50], upper=[70], count=9, prior=post.as_prior())

``Client(url)`` connects to a server that is already running. The endpoints and their fields are
documented in ``docs/http-api.md`` of the repository.
"""
from .client import ApiError, Client, EigEstimate, Posterior
from .events import read_events
from .launcher import Rp, RpError, Server

__all__ = ["ApiError", "Client", "EigEstimate", "Posterior", "Rp", "RpError", "Server", "read_events"]
__version__ = "0.1.0"
