#!/usr/bin/env python3
"""Writes FLARE25 RECIST-to-3D style cases for timing `wsss segment --flare`.

Each case is <out>/<name>.npz with imgs (D, H, W) int16 HU, spacing (x, y, z) float64 mm and
recist (D, H, W) uint8: lesion n's long axis drawn as an 8-connected line of value n on the
slice through its centre, as the challenge gives them. The body is an ellipse of soft tissue
with fat, two lungs, a spine and a liver, Gaussian noise of 12 HU on every voxel (so the data
compress like CT, not like a padded phantom), and ellipsoid lesions of 6-25 mm radius.

    python3 scripts/flare-cases.py OUT [--cases 4] [--lesions 4] [--depth 150] [--size 512] [--seed 15]
"""
import argparse
import os

import numpy as np


def line(a, b):
    """Voxels of the 8-connected line from a to b, (x, y) integer points."""
    (x0, y0), (x1, y1) = a, b
    n = max(abs(x1 - x0), abs(y1 - y0))
    t = np.linspace(0.0, 1.0, n + 1)
    return np.rint(x0 + (x1 - x0) * t).astype(int), np.rint(y0 + (y1 - y0) * t).astype(int)


def long_axis(mask2d, sx, sy):
    """The two boundary pixels of a 2D mask farthest apart in mm."""
    ys, xs = np.nonzero(mask2d)
    inner = mask2d[1:-1, 1:-1] & mask2d[:-2, 1:-1] & mask2d[2:, 1:-1] & mask2d[1:-1, :-2] & mask2d[1:-1, 2:]
    edge = mask2d.copy()
    edge[1:-1, 1:-1] &= ~inner
    ys, xs = np.nonzero(edge)
    p = np.stack([xs * sx, ys * sy], axis=1)
    d = ((p[:, None, :] - p[None, :, :]) ** 2).sum(-1)
    i, j = np.unravel_index(np.argmax(d), d.shape)
    return (xs[i], ys[i]), (xs[j], ys[j])


def case(rng, depth, size, lesions):
    sx = sy = 0.8 * 512 / size
    sz = 2.5
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    cx, cy = size / 2, size / 2
    body = ((xx - cx) / (0.42 * size)) ** 2 + ((yy - cy) / (0.32 * size)) ** 2
    lung_l = ((xx - cx + 0.18 * size) / (0.1 * size)) ** 2 + ((yy - cy + 0.04 * size) / (0.16 * size)) ** 2
    lung_r = ((xx - cx - 0.18 * size) / (0.1 * size)) ** 2 + ((yy - cy + 0.04 * size) / (0.16 * size)) ** 2
    spine = ((xx - cx) / (0.04 * size)) ** 2 + ((yy - cy - 0.22 * size) / (0.04 * size)) ** 2
    liver = ((xx - cx + 0.12 * size) / (0.16 * size)) ** 2 + ((yy - cy - 0.02 * size) / (0.12 * size)) ** 2
    base = np.full((size, size), -1000, np.float32)
    base[body < 1.0] = -100
    base[body < 0.85] = 40
    base[liver < 1.0] = 60
    base[spine < 1.0] = 500
    imgs = np.empty((depth, size, size), np.int16)
    recist = np.zeros((depth, size, size), np.uint8)
    zz = np.arange(depth, dtype=np.float32)
    # lesions: centre inside the body, radii in mm, HU contrast either way
    specs = []
    for n in range(1, lesions + 1):
        while True:
            r = rng.uniform(6, 25, 3)
            c = np.array([rng.uniform(0.25, 0.75) * size, rng.uniform(0.3, 0.7) * size,
                          rng.uniform(0.2, 0.8) * depth])
            if all(np.linalg.norm((c[:2] - s[0][:2]) * sx) > (r[0] + s[1][0]) * 1.2 for s in specs):
                break
        specs.append((c, r, float(rng.choice([-45.0, 45.0, 80.0]))))
    for k in range(depth):
        sl = base.copy()
        lung = (lung_l < 1.0) | (lung_r < 1.0)
        if 0.1 * depth < k < 0.6 * depth:
            sl[lung] = -850
        for c, r, dhu in specs:
            e = ((xx - c[0]) * sx / r[0]) ** 2 + ((yy - c[1]) * sy / r[1]) ** 2 + ((k - c[2]) * sz / r[2]) ** 2
            sl[e < 1.0] += dhu
        sl += rng.normal(0.0, 12.0, sl.shape).astype(np.float32)
        imgs[k] = np.clip(np.rint(sl), -1024, 3071).astype(np.int16)
    for n, (c, r, _) in enumerate(specs, start=1):
        k = int(round(c[2]))
        e = ((xx - c[0]) * sx / r[0]) ** 2 + ((yy - c[1]) * sy / r[1]) ** 2 + ((k - c[2]) * sz / r[2]) ** 2
        a, b = long_axis(e < 1.0, sx, sy)
        lx, ly = line(a, b)
        recist[k, ly, lx] = n
    return imgs, np.array([sx, sy, sz]), recist


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--cases", type=int, default=4)
    ap.add_argument("--lesions", type=int, default=4)
    ap.add_argument("--depth", type=int, default=150)
    ap.add_argument("--size", type=int, default=512)
    ap.add_argument("--seed", type=int, default=15)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rng = np.random.default_rng(a.seed)
    for i in range(a.cases):
        imgs, spacing, recist = case(rng, a.depth, a.size, a.lesions)
        np.savez_compressed(os.path.join(a.out, "case_%04d.npz" % i), imgs=imgs, spacing=spacing, recist=recist)


if __name__ == "__main__":
    main()
