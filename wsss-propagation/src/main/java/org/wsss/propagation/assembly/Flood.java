package org.wsss.propagation.assembly;

import org.wsss.api.ComponentLabels;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;

/** Breadth-first flood fills behind {@link Assembly}; each queue holds a voxel at most once. */
final class Flood {

    private Flood() {
    }

    static Mask connectedToPrevious(Mask current, Mask previous, Connectivity3D c) {
        int w = current.width(), h = current.height();
        ComponentLabels labels = ComponentLabels.of(current, c.inPlane());
        boolean[] keep = new boolean[labels.count() + 1];
        int r = c.crossSliceReach();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!previous.getIndex(y * w + x)) {
                    continue;
                }
                for (int ny = Math.max(0, y - r); ny <= Math.min(h - 1, y + r); ny++) {
                    for (int nx = Math.max(0, x - r); nx <= Math.min(w - 1, x + r); nx++) {
                        keep[labels.labelAt(ny * w + nx)] = true;
                    }
                }
            }
        }
        keep[0] = false;
        return Mask.fromPredicate(w, h, (x, y) -> keep[labels.labelAt(y * w + x)]);
    }

    static Mask3D keepConnected(Mask3D mask, int slice, Mask seed, Connectivity3D c) {
        int w = mask.width(), h = mask.height(), d = mask.depth();
        int plane = w * h;
        boolean[] in = mask.toArray();
        boolean[] out = new boolean[in.length];
        int[] queue = new int[(int) Math.max(1, mask.count())];
        int head = 0, tail = 0;
        for (int i = 0; i < plane; i++) {
            int v = slice * plane + i;
            if (seed.getIndex(i) && in[v]) {
                out[v] = true;
                queue[tail++] = v;
            }
        }
        boolean full = c == Connectivity3D.TWENTY_SIX;
        while (head < tail) {
            int v = queue[head++];
            int z = v / plane, rem = v % plane, y = rem / w, x = rem % w;
            for (int dz = -1; dz <= 1; dz++) {
                int nz = z + dz;
                if (nz < 0 || nz >= d) {
                    continue;
                }
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = y + dy;
                    if (ny < 0 || ny >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int moved = (dx != 0 ? 1 : 0) + (dy != 0 ? 1 : 0) + (dz != 0 ? 1 : 0);
                        // 6-connectivity: exactly one coordinate changes by one.
                        if (nx < 0 || nx >= w || moved == 0 || (!full && moved > 1)) {
                            continue;
                        }
                        int j = (nz * h + ny) * w + nx;
                        if (in[j] && !out[j]) {
                            out[j] = true;
                            queue[tail++] = j;
                        }
                    }
                }
            }
        }
        return Mask3D.of(w, h, d, mask.spacing(), out);
    }
}
