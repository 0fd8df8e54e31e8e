"""Reading the event CSVs that ``rp simulate`` writes."""
import csv

from ._arrays import array


def read_events(path):
    """The events of an ``rp simulate`` CSV and the setting of its first row.

    Comment lines (``# key=value``) are skipped; the header names the columns ``x:NAME``,
    ``theta:NAME`` and ``phi:NAME``.

    Returns ``(events, phi)``: the x columns as an (N, Dx) array (a list of rows without NumPy) and
    the phi values of the first row as a list of Dphi numbers, or None when the CSV has no phi column.
    Raises ValueError when the header has no ``x:`` column or a row has the wrong number of values.
    """
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [line for line in f if not line.startswith("#")]
    reader = csv.reader(rows)
    header = next(reader)
    xs = [i for i, name in enumerate(header) if name.startswith("x:")]
    phis = [i for i, name in enumerate(header) if name.startswith("phi:")]
    if not xs:
        raise ValueError(f"{path}: expected x:NAME columns in the header but found {header}")
    events, phi = [], None
    for line, row in enumerate(reader, start=2):
        if len(row) != len(header):
            raise ValueError(f"{path}: expected {len(header)} values in data row {line} but found {len(row)}")
        events.append([float(row[i]) for i in xs])
        if phi is None and phis:
            phi = [float(row[i]) for i in phis]
    return array(events), phi
