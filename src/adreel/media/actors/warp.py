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

    def __init__(self, patch: np.ndarray, points: np.ndarray) -> None:
        self.patch = patch
        h, w = patch.shape[:2]
        self.pinned = border_points(w, h)
        self.source = np.vstack([points.astype(np.float32), self.pinned])
        self.triangles = Delaunay(self.source).simplices
        self._grid = np.mgrid[0:h, 0:w].astype(np.float32)      # (2, h, w): y, x

    def __call__(self, moved: np.ndarray) -> np.ndarray:
        """The patch with its points moved to `moved` (same order as given), border pinned."""
        target = np.vstack([moved.astype(np.float32), self.pinned])
        h, w = self.patch.shape[:2]
        map_x, map_y = self._grid[1].copy(), self._grid[0].copy()
        for tri in self.triangles:
            dst, src = target[tri], self.source[tri]
            (ax, ay), (bx, by) = dst[1] - dst[0], dst[2] - dst[0]
            if abs(ax * by - ay * bx) < 1e-3:
                continue                              # collapsed (a mouth shut over an open one)
            x0, y0 = np.floor(dst.min(axis=0)).astype(int)
            x1, y1 = np.ceil(dst.max(axis=0)).astype(int) + 1
            x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, w), min(y1, h)
            if x1 <= x0 or y1 <= y0:
                continue
            inside = np.zeros((y1 - y0, x1 - x0), np.uint8)
            cv2.fillConvexPoly(inside, np.round((dst - (x0, y0)) * 16).astype(np.int32), 1, cv2.LINE_8, 4)
            # grow by a pixel so neighbouring triangles leave no seam between them
            inside = cv2.dilate(inside, np.ones((3, 3), np.uint8)).astype(bool)
            back = cv2.getAffineTransform(dst.astype(np.float32), src.astype(np.float32))
            gx, gy = self._grid[1][y0:y1, x0:x1], self._grid[0][y0:y1, x0:x1]
            sx = back[0, 0] * gx + back[0, 1] * gy + back[0, 2]
            sy = back[1, 0] * gx + back[1, 1] * gy + back[1, 2]
            map_x[y0:y1, x0:x1][inside] = sx[inside]
            map_y[y0:y1, x0:x1][inside] = sy[inside]
        return cv2.remap(self.patch, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
