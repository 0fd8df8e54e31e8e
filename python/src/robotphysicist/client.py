"""The HTTP JSON API of ``rp serve`` (docs/http-api.md) with the standard library's ``urllib``."""
import json
import urllib.error
import urllib.request
from collections import namedtuple

from ._arrays import array, as_list


class ApiError(Exception):
    """The server answered with an error, or could not be reached.

    Attributes: ``status`` (the HTTP status; 0 when no answer came) and ``message`` (the server's
    message, which names the field, what was expected and what was found).
    """

    def __init__(self, status, message):
        super().__init__(f"HTTP {status}: {message}" if status else message)
        self.status = status
        self.message = message


EigEstimate = namedtuple("EigEstimate", ["phi", "value", "standard_error", "datasets", "prior_entropy",
                                         "mean_posterior_entropy", "mean_events"])
EigEstimate.__doc__ = """One expected-information-gain estimate of ``POST /eig``.

``phi``: the setting (list of Dphi numbers); ``value``: EIG(phi) in nats, the Monte Carlo mean over
``datasets`` simulated experiments; ``standard_error``: its standard error s/sqrt(K);
``prior_entropy`` and ``mean_posterior_entropy``: H(p(theta)) and the mean H(p(theta | X, phi)), nats;
``mean_events``: the mean number of events of a simulated experiment."""


def _estimate(e):
    return EigEstimate(e["phi"], e["value"], e["standardError"], e["datasets"], e["priorEntropy"],
                       e["meanPosteriorEntropy"], e["meanEvents"])


class Posterior:
    """A posterior answer of ``POST /posterior`` (schema ``robot-physicist/posterior/v1``).

    ``document`` is the whole JSON object (docs/posterior-json.md); the properties below read it.
    Arrays are ``numpy.ndarray`` when NumPy is installed, lists otherwise.
    """

    def __init__(self, document):
        self.document = document

    @property
    def parameters(self):
        """The theta component names, e.g. ``["sin2_theta_w"]``."""
        return self.document["parameters"]

    @property
    def mean(self):
        """The posterior mean, one number per theta component."""
        return array(self.document["summary"]["mean"])

    @property
    def standard_deviation(self):
        """The posterior standard deviation, one number per theta component."""
        return array(self.document["summary"]["standardDeviation"])

    @property
    def map(self):
        """The grid point (MCMC: the kept draw) of highest posterior density."""
        return array(self.document["summary"]["map"])

    @property
    def samples(self):
        """The S posterior draws asked for with ``samples=S``, shape (S, D); None when none were asked for."""
        return array(self.document["samples"])

    @property
    def points(self):
        """The M grid points, shape (M, D), the last component varying fastest; None under MCMC."""
        return array(self.document["points"])

    @property
    def density(self):
        """The normalized posterior density at each grid point (M values); None under MCMC."""
        return array(self.document["density"])

    def interval(self, parameter, level):
        """The central credible interval ``(lower, upper)`` of ``parameter`` at ``level`` (e.g. 0.68)."""
        return self._find("intervals", parameter, level)

    def hpd_interval(self, parameter, level):
        """The highest-posterior-density (shortest) interval ``(lower, upper)`` of ``parameter`` at ``level``."""
        return self._find("hpdIntervals", parameter, level)

    def _find(self, key, parameter, level):
        for c in self.document["summary"][key]:
            if c["parameter"] == parameter and abs(c["level"] - level) < 1e-9:
                return c["lower"], c["upper"]
        levels = sorted({c["level"] for c in self.document["summary"][key]})
        raise KeyError(f"expected a parameter of {self.parameters} at a level of {levels}"
                       f" but found {parameter!r} at {level}")

    def as_prior(self):
        """This grid posterior as the ``prior`` of an EIG request: ``{"lower", "upper", "density"}``.

        Raises ValueError for an MCMC posterior, which has no grid density.
        """
        d = self.document
        if d["density"] is None:
            raise ValueError("as_prior: expected a grid posterior (sampler 'grid') but found sampler"
                             f" {d['sampler']!r}, which has no density on a grid")
        return {"lower": d["gridLower"], "upper": d["gridUpper"], "density": d["density"]}

    def __repr__(self):
        s = self.document["summary"]
        parts = [f"{n} = {m:.5g} +- {sd:.2g}" for n, m, sd in zip(s["parameters"], s["mean"], s["standardDeviation"])]
        return f"Posterior({', '.join(parts)}; {self.document['events']} events, {self.document['sampler']})"


class Client:
    """A connection to a running ``rp serve``, e.g. ``Client("http://127.0.0.1:8080")``.

    Every method raises ``ApiError`` when the server answers with an error (the message names the
    field, what was expected and what was found) or cannot be reached. ``timeout``: seconds to wait
    for each answer (the server's own ``--timeout`` stops longer computations with 504).
    """

    def __init__(self, url, timeout=120):
        self.url = url.rstrip("/")
        self.timeout = timeout

    def _call(self, path, body=None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method="GET" if body is None else "POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            try:
                error = json.loads(e.read().decode("utf-8"))["error"]
            except (ValueError, KeyError, TypeError):
                raise ApiError(e.code, e.reason) from None
            raise ApiError(error["status"], error["message"]) from None
        except urllib.error.URLError as e:
            raise ApiError(0, f"could not reach {self.url}: {e.reason}") from None

    def health(self):
        """``GET /health``: ``{"status": "ok", "models", "workers", "busy", "version"}``."""
        return self._call("/health")

    def models(self):
        """``GET /models``: the served models, each ``{"name", "kind", "simulator", "theta", "phi", "x",
        "thetaRange", "phiRange", "phiBoxes", "ensembleMembers", "calibration"}`` (``phiBoxes``: every phi
        box the model was trained across; ``phiRange``: their bounding box)."""
        return self._call("/models")["models"]

    def posterior(self, model, phi=None, events=None, experiments=None, grid=None, levels=None, prior=None,
                  samples=None, sampler=None, seed=None):
        """``POST /posterior``: the posterior of observed events under a served model.

        model:       a name from ``models()``
        phi, events: the setting (Dphi numbers) and the events ((N, Dx) rows, or N numbers when Dx = 1)
        experiments: instead of phi and events, several experiments ``[{"phi": [...], "events": [...]}, ...]``
        grid:        grid points per theta dimension (server default 201)
        levels:      credibility levels (server default 0.68 and 0.95)
        prior:       ``{"lower": [...], "upper": [...]}``, a uniform prior inside the model's theta range
        samples:     posterior draws to return (``Posterior.samples``)
        sampler:     "auto", "grid" or "mcmc"; seed: the seed of the draws and of MCMC

        Unset arguments take the server's defaults. Returns a ``Posterior``.
        """
        body = {"model": model}
        if experiments is not None:
            body["experiments"] = [{"phi": as_list(e["phi"]), "events": as_list(e["events"])} for e in experiments]
        if phi is not None:
            body["phi"] = as_list(phi)
        if events is not None:
            body["events"] = as_list(events)
        optional = {"grid": grid, "levels": None if levels is None else as_list(levels), "prior": prior,
                    "samples": samples, "sampler": sampler, "seed": seed}
        body.update({k: v for k, v in optional.items() if v is not None})
        return Posterior(self._call("/posterior", body))

    def eig(self, model, candidates=None, lower=None, upper=None, count=None, prior=None, datasets=None,
            events=None, grid=None, seed=None):
        """``POST /eig``: the expected information gain at each candidate setting.

        EIG(phi) = E[H(p(theta)) - H(p(theta | X, phi))], by Monte Carlo over ``datasets`` simulated
        experiments of ``events`` events (server defaults 32 and 500), on ``grid`` theta points per
        dimension. The settings are ``candidates`` (a list of Dphi-number lists), or ``count`` evenly
        spaced values per phi dimension from ``lower`` to ``upper``. ``prior``: ``{"lower", "upper"}``
        (uniform) or ``Posterior.as_prior()`` (default: uniform on the model's theta range). All
        candidates share random numbers (the same ``seed``), so their differences are far less noisy
        than the estimates. Returns a list of ``EigEstimate``, in the order of the settings.
        """
        body = {"model": model}
        if candidates is not None:
            body["candidates"] = [as_list(c) if hasattr(c, "__len__") else [float(c)] for c in candidates]
        if count is not None:
            body["range"] = {"lower": as_list(lower), "upper": as_list(upper), "count": count}
        optional = {"prior": prior, "datasets": datasets, "events": events, "grid": grid, "seed": seed}
        body.update({k: v for k, v in optional.items() if v is not None})
        return [_estimate(e) for e in self._call("/eig", body)["estimates"]]

    def suggest_next(self, model, lower, upper, count=9, prior=None, **eig_options):
        """The setting the next experiment should run at: the largest EIG among ``count`` evenly spaced
        settings per phi dimension between ``lower`` and ``upper`` (one ``eig`` request; pass the
        current posterior's ``as_prior()`` as ``prior``). Other keyword arguments go to ``eig``.
        Returns the ``EigEstimate`` of the chosen setting.
        """
        estimates = self.eig(model, lower=lower, upper=upper, count=count, prior=prior, **eig_options)
        return max(estimates, key=lambda e: e.value)
