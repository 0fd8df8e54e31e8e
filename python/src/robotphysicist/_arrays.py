"""NumPy arrays when NumPy is installed, plain lists otherwise."""
try:  # NumPy is optional: the package itself needs only the standard library.
    import numpy as _np
except ImportError:  # pragma: no cover - depends on the installation
    _np = None


def has_numpy():
    """True when NumPy can be imported."""
    return _np is not None


def array(values):
    """``values`` (nested lists of numbers, or None) as a float ``numpy.ndarray`` when NumPy is present."""
    if values is None or _np is None:
        return values
    return _np.asarray(values, dtype=float)


def as_list(values):
    """A JSON-ready list from a list, tuple or ``numpy.ndarray`` (nested as deep as it is)."""
    if hasattr(values, "tolist"):
        return values.tolist()
    return [as_list(v) if isinstance(v, (list, tuple)) or hasattr(v, "tolist") else float(v) for v in values]
