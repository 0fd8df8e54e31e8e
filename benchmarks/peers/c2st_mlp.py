#!/usr/bin/env python3
"""The classifier two-sample test as the sbibm paper scores it, on draws the accuracy benchmark wrote.

Usage: /usr/bin/python3 benchmarks/peers/c2st_mlp.py DRAWS_DIR [PATTERN ...]

DRAWS_DIR holds the CSV files of `benchmarks/surrogate-accuracy.sh --draws-dir DIR`: for every task
and observation TASK-obsI-reference.csv (the exact posterior's draws), TASK-obsI-second-reference.csv
(an independent second run) and TASK-obsI-KIND-BUDGET.csv (a surrogate's). Each sample other than a
reference is scored against its observation's reference; PATTERNs (substrings) keep only the files
that contain one of them.

The score is the 5-fold cross-validated accuracy of a classifier told the two samples apart: both
samples standardized by the reference's mean and standard deviation, an MLP of two ReLU layers of
10 x dim units (Adam, up to 10 000 iterations, scikit-learn's stopping rule), folds shuffled with
seed 1 (Lueckmann et al. 2021, "Benchmarking simulation-based inference", section on metrics). 0.5
means the classifier cannot tell them apart; 1 means disjoint. The Java benchmark scores the same
draws with a k-nearest-neighbour classifier; this script is the independent check of that choice.
"""
import csv
import glob
import os
import sys

import numpy as np
from sklearn.model_selection import KFold, cross_val_score
from sklearn.neural_network import MLPClassifier


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return np.array([[float(v) for v in r] for r in rows[1:]])


def c2st(reference, sample, seed=1, folds=5):
    mean = reference.mean(axis=0)
    std = reference.std(axis=0)
    std[std == 0] = 1.0
    x = (reference - mean) / std
    y = (sample - mean) / std
    dim = x.shape[1]
    clf = MLPClassifier(activation="relu", hidden_layer_sizes=(10 * dim, 10 * dim), max_iter=10000,
                        solver="adam", random_state=seed)
    data = np.concatenate([x, y])
    target = np.concatenate([np.zeros(len(x)), np.ones(len(y))])
    cv = KFold(n_splits=folds, shuffle=True, random_state=seed)
    return float(np.mean(cross_val_score(clf, data, target, cv=cv, scoring="accuracy")))


def main(argv):
    if len(argv) < 2 or not os.path.isdir(argv[1]):
        sys.exit("c2st_mlp: expected a directory of draws from surrogate-accuracy.sh --draws-dir but found "
                 + (repr(argv[1]) if len(argv) > 1 else "no argument"))
    directory, patterns = argv[1], argv[2:]
    references = sorted(glob.glob(os.path.join(directory, "*-reference.csv")))
    references = [r for r in references if not r.endswith("-second-reference.csv")]
    if not references:
        sys.exit("c2st_mlp: expected files NAME-obsI-reference.csv in " + directory + " but found none")
    print("sample,mlp_c2st")
    for ref_path in references:
        prefix = ref_path[: -len("reference.csv")]
        reference = read(ref_path)
        for path in sorted(glob.glob(prefix + "*.csv")):
            if path == ref_path or (patterns and not any(p in os.path.basename(path) for p in patterns)):
                continue
            print("%s,%.3f" % (os.path.basename(path)[:-4], c2st(reference, read(path))), flush=True)


if __name__ == "__main__":
    main(sys.argv)
