"""Dynamic time warping between two feature sequences, vectorised row by row.

Within a row the horizontal step makes each cell depend on its left neighbour; that recurrence
is a running minimum over prefix sums, so each row is a few numpy operations:
    D[i, j] = S[j] + min_{k ≤ j} (A[k] − S[k]),  A[k] = c[i, k] + min(D[i−1, k], D[i−1, k−1]),
where S is the prefix sum of the row's costs.
"""

from __future__ import annotations

import numpy as np


def cost_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Euclidean distances between every frame of `a` and every frame of `b`."""
    squared = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2.0 * (a @ b.T)
    return np.sqrt(np.maximum(squared, 0.0)).astype(np.float32)


def accumulate(cost: np.ndarray) -> np.ndarray:
    n, m = cost.shape
    total = np.empty((n, m), np.float32)
    total[0] = np.cumsum(cost[0])
    inf = np.float32(np.inf)
    for i in range(1, n):
        previous = total[i - 1]
        diagonal = np.concatenate(([inf], previous[:-1]))
        arrive = cost[i] + np.minimum(previous, diagonal)
        prefix = np.cumsum(cost[i])
        total[i] = prefix + np.minimum.accumulate(arrive - prefix)
    return total


def warp_path(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The optimal warping path as an (steps, 2) array of (index in a, index in b), from
    (0, 0) to (len(a) − 1, len(b) − 1)."""
    total = accumulate(cost_matrix(a, b))
    i, j = total.shape[0] - 1, total.shape[1] - 1
    path = [(i, j)]
    while i > 0 or j > 0:
        if i == 0:
            j -= 1
        elif j == 0:
            i -= 1
        else:
            options = (total[i - 1, j - 1], total[i - 1, j], total[i, j - 1])
            best = int(np.argmin(options))
            if best == 0:
                i, j = i - 1, j - 1
            elif best == 1:
                i -= 1
            else:
                j -= 1
        path.append((i, j))
    return np.array(path[::-1])
