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

    /**
     * The voxels of {@code mask} connected to those of {@code seed} on slice {@code slice}. Works
     * on the bounding box of the mask's voxels, so a small lesion in a large volume costs what
     * the lesion does, not the volume.
     */
    static Mask3D keepConnected(Mask3D mask, int slice, Mask seed, Connectivity3D c) {
        int w = mask.width(), h = mask.height(), d = mask.depth();
        long plane = (long) w * h;
        // bounding box of the set voxels
        int x0 = w, y0 = h, z0 = d, x1 = -1, y1 = -1, z1 = -1;
        for (long i = mask.nextSet(0); i >= 0; i = mask.nextSet(i + 1)) {
            int z = (int) (i / plane), rem = (int) (i % plane), y = rem / w, x = rem % w;
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
            y0 = Math.min(y0, y);
            y1 = Math.max(y1, y);
            z0 = Math.min(z0, z);
            z1 = Math.max(z1, z);
        }
        Mask3D.Builder b = Mask3D.builder(w, h, d, mask.spacing());
        if (x1 < 0 || slice < z0 || slice > z1) {
            return b.build();
        }
        int bw = x1 - x0 + 1, bh = y1 - y0 + 1, bd = z1 - z0 + 1;
        int bplane = bw * bh;
        boolean[] in = new boolean[bplane * bd];
        for (long i = mask.nextSet(0); i >= 0; i = mask.nextSet(i + 1)) {
            int z = (int) (i / plane), rem = (int) (i % plane), y = rem / w, x = rem % w;
            in[((z - z0) * bh + (y - y0)) * bw + (x - x0)] = true;
        }
        boolean[] out = new boolean[in.length];
        int[] queue = new int[(int) Math.max(1, mask.count())];
        int head = 0, tail = 0;
        int sz = slice - z0;
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                int v = (sz * bh + y) * bw + x;
                if (in[v] && seed.get(x + x0, y + y0)) {
                    out[v] = true;
                    queue[tail++] = v;
                }
            }
        }
        boolean full = c == Connectivity3D.TWENTY_SIX;
        while (head < tail) {
            int v = queue[head++];
            int z = v / bplane, rem = v % bplane, y = rem / bw, x = rem % bw;
            for (int dz = -1; dz <= 1; dz++) {
                int nz = z + dz;
                if (nz < 0 || nz >= bd) {
                    continue;
                }
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = y + dy;
                    if (ny < 0 || ny >= bh) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int moved = (dx != 0 ? 1 : 0) + (dy != 0 ? 1 : 0) + (dz != 0 ? 1 : 0);
                        // 6-connectivity: exactly one coordinate changes by one.
                        if (nx < 0 || nx >= bw || moved == 0 || (!full && moved > 1)) {
                            continue;
                        }
                        int j = (nz * bh + ny) * bw + nx;
                        if (in[j] && !out[j]) {
                            out[j] = true;
                            queue[tail++] = j;
                        }
                    }
                }
            }
        }
        for (int i = 0; i < tail; i++) {
            int v = queue[i];
            int z = v / bplane, rem = v % bplane;
            b.set(rem % bw + x0, rem / bw + y0, z + z0);
        }
        return b.build();
    }

    /**
     * Fills the holes of {@code fg} ({@code w × h}, row-major) in place: every pixel not reachable
     * from the image border through 4-connected background becomes foreground.
     */
    static void fillHoles(boolean[] fg, int w, int h) {
        boolean[] outside = new boolean[w * h];
        int[] queue = new int[w * h];
        int head = 0, tail = 0;
        for (int i = 0; i < w * h; i++) {
            int x = i % w, y = i / w;
            if ((x == 0 || y == 0 || x == w - 1 || y == h - 1) && !fg[i]) {
                outside[i] = true;
                queue[tail++] = i;
            }
        }
        while (head < tail) {
            int i = queue[head++], x = i % w, y = i / w;
            if (x > 0 && !fg[i - 1] && !outside[i - 1]) {
                outside[i - 1] = true;
                queue[tail++] = i - 1;
            }
            if (x < w - 1 && !fg[i + 1] && !outside[i + 1]) {
                outside[i + 1] = true;
                queue[tail++] = i + 1;
            }
            if (y > 0 && !fg[i - w] && !outside[i - w]) {
                outside[i - w] = true;
                queue[tail++] = i - w;
            }
            if (y < h - 1 && !fg[i + w] && !outside[i + w]) {
                outside[i + w] = true;
                queue[tail++] = i + w;
            }
        }
        for (int i = 0; i < w * h; i++) {
            fg[i] = !outside[i];
        }
    }
}
