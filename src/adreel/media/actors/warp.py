"""Piecewise-affine warps of a photo patch along its landmarks: the mesh is triangulated on the
source points, and each triangle's pixels are pulled from where its corners were. The patch's
border is pinned (it is added as fixed points), so a warped patch meets the photo around it."""

from __future__ import annotations

import cv2
import numpy as np
from scipy.spatial import Delaunay

Box = tuple[int, int, int, int]


def border_points(width: int, height: int, step: int = 6) -> np.ndarray:
    """Fixed points along a patch's edge, `step` per side."""
    xs, ys = np.linspace(0, width - 1, step), np.linspace(0, height - 1, step)
    edge = [(x, 0.0) for x in xs] + [(x, height - 1.0) for x in xs]
    edge += [(0.0, y) for y in ys[1:-1]] + [(width - 1.0, y) for y in ys[1:-1]]
    return np.array(edge, np.float32)


class MeshWarp:
    """The triangulation of one patch's points, reused for every target shape of that patch."""

    def __init__(self, patch: np.ndarray, points: np.ndarray, hollow: tuple[int, ...] = ()) -> None:
        """`hollow`: positions in `points` that ring a hole (the mouth): the triangles with all their
        corners among them are never drawn, so the rings may close past each other."""
        self.patch = patch
        h, w = patch.shape[:2]
        self.pinned = border_points(w, h)
        self.source = np.vstack([points.astype(np.float32), self.pinned])
        triangles = Delaunay(self.source).simplices
        self.triangles = triangles[~np.isin(triangles, list(hollow)).all(axis=1)] if hollow else triangles
        self._grid = np.mgrid[0:h, 0:w].astype(np.float32)      # (2, h, w): y, x

    def __call__(self, moved: np.ndarray) -> np.ndarray:
        """The patch with its points moved to `moved` (same order as given), border pinned."""
        target = np.vstack([moved.astype(np.float32), self.pinned])
        h, w = self.patch.shape[:2]
        dst, src = target[self.triangles], self.source[self.triangles]            # (T, 3, 2)
        edges = dst[:, 1:] - dst[:, :1]
        area = edges[:, 0, 0] * edges[:, 1, 1] - edges[:, 0, 1] * edges[:, 1, 0]
        live = np.abs(area) > 1.0         # slivers and collapsed ones (a mouth shut over an open one) drop out
        # Each pixel's triangle, drawn as an index image (0: none), then one affine map per triangle
        # from where a pixel lands back to where it came from, applied to all pixels at once.
        owner = np.zeros((h, w), np.int32)
        for number in np.nonzero(live)[0]:
            cv2.fillConvexPoly(owner, np.round(dst[number] * 16).astype(np.int32), int(number) + 1, cv2.LINE_8, 4)
        # pixels on a seam between triangles (or where a collapsed one was) take a neighbour's triangle
        seams = owner == 0
        owner[seams] = cv2.dilate(owner.astype(np.float32), np.ones((3, 3), np.uint8))[seams].astype(np.int32)
        corners = np.concatenate([dst, np.ones((len(dst), 3, 1), np.float32)], axis=2)     # (T, 3, 3)
        corners[~live] = np.eye(3, dtype=np.float32)
        back = np.concatenate([np.zeros((1, 3, 2), np.float32), np.linalg.solve(corners, src)])  # (T+1, 3, 2)
        back[1:][~live] = 0
        gy, gx = self._grid
        pick = back[owner]                                                           # (h, w, 3, 2)
        map_x = np.where(owner > 0, gx * pick[..., 0, 0] + gy * pick[..., 1, 0] + pick[..., 2, 0], gx)
        map_y = np.where(owner > 0, gx * pick[..., 0, 1] + gy * pick[..., 1, 1] + pick[..., 2, 1], gy)
        return cv2.remap(self.patch, map_x.astype(np.float32), map_y.astype(np.float32), cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_REPLICATE)
