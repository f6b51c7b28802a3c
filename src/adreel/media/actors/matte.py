"""A person matte for a portrait (green_screen's cut-out): OpenCV's GrabCut seeded by the face
landmarks — the face and a torso below the chin are surely the person, the top corners and
sides far from the face surely not — worked at a small size and feathered back up."""

from __future__ import annotations

import contextlib

import cv2
import numpy as np

from adreel.media.actors.landmarks import FACE_OVAL, Face

WORK_SIDE = 360


def person_matte(rgb: np.ndarray, face: Face) -> np.ndarray:
    """Alpha (uint8, the image's size): 255 on the person, 0 on their background."""
    h, w = rgb.shape[:2]
    k = min(1.0, WORK_SIDE / max(h, w))
    small = cv2.resize(rgb, (max(2, round(w * k)), max(2, round(h * k))), interpolation=cv2.INTER_AREA)
    sh, sw = small.shape[:2]
    fx, fy, fw, fh = (v * k for v in face.box)
    cx = fx + fw / 2
    mask = np.full((sh, sw), cv2.GC_PR_BGD, np.uint8)
    # hair and shoulders may be the person: a head ellipse over a widening body
    cv2.ellipse(mask, (round(cx), round(fy + fh * 0.45)), (round(fw * 0.95), round(fh * 0.95)), 0, 0, 360,
                int(cv2.GC_PR_FGD), -1)
    body = np.array([(cx - fw * 0.6, fy + fh), (cx + fw * 0.6, fy + fh), (cx + fw * 1.9, fy + fh * 1.6),
                     (cx + fw * 2.2, sh), (cx - fw * 2.2, sh), (cx - fw * 1.9, fy + fh * 1.6)])
    cv2.fillPoly(mask, [np.round(body).astype(np.int32)], int(cv2.GC_PR_FGD))
    # surely the person: the face itself and a neck-and-chest column under it
    cv2.fillPoly(mask, [np.round(face.at(FACE_OVAL) * k).astype(np.int32)], int(cv2.GC_FGD))
    cv2.rectangle(mask, (round(cx - fw * 0.25), round(fy + fh)), (round(cx + fw * 0.25), sh - 1), int(cv2.GC_FGD), -1)
    # surely not: a band along the top and the upper sides away from the head
    band = max(2, round(min(sh, sw) * 0.03))
    top_clear = max(0, round(fy - fh * 0.35))
    mask[:min(band, top_clear), :] = cv2.GC_BGD
    left, right = round(cx - fw * 1.4), round(cx + fw * 1.4)
    if left > band:
        mask[:round(fy + fh), :min(band, left)] = cv2.GC_BGD
    if right < sw - band:
        mask[:round(fy + fh), max(sw - band, right):] = cv2.GC_BGD
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    with contextlib.suppress(cv2.error):       # a flat picture: keep the seeded shape
        cv2.grabCut(cv2.cvtColor(small, cv2.COLOR_RGB2BGR), mask, None, bgd, fgd, 4, cv2.GC_INIT_WITH_MASK)
    alpha = np.where((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD), 255, 0).astype(np.uint8)
    alpha = _largest_part(alpha)
    alpha = cv2.resize(alpha, (w, h), interpolation=cv2.INTER_LINEAR)
    soft = max(1.0, fw / k * 0.015)
    return cv2.GaussianBlur(alpha, (0, 0), soft)


def _largest_part(alpha: np.ndarray) -> np.ndarray:
    """Only the piece joined to the most pixels (stray background specks dropped)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats((alpha > 0).astype(np.uint8))
    if count <= 2:
        return alpha
    keep = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    return np.where(labels == keep, 255, 0).astype(np.uint8)
