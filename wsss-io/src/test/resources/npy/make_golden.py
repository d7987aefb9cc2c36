#!/usr/bin/env python3
"""Writes the .npy/.npz golden files read by NpyGoldenTest (numpy only).

Every array holds np.arange(24) reshaped to (2, 3, 4) in C order (value = 12 a + 4 b + c at
[a, b, c]), stored in the dtype, byte order, memory order and format version the name says.
Run from this folder: python3 make_golden.py
"""
import numpy as np

base = np.arange(24).reshape(2, 3, 4)
for dt in ["<i1", "|u1", "<i2", ">i2", "<u2", "<i4", ">u4", "<i8", "<u8", "<f2", "<f4", ">f4", "<f8", ">f8"]:
    name = dt.replace("<", "le-").replace(">", "be-").replace("|", "")
    np.save(name + ".npy", base.astype(dt))
np.save("bool.npy", (base % 3 == 0))
np.save("le-i2-fortran.npy", np.asfortranarray(base.astype("<i2")))
np.save("be-f8-fortran.npy", np.asfortranarray(base.astype(">f8")))
with open("le-i4-v2.npy", "wb") as f:
    np.lib.format.write_array(f, base.astype("<i4"), version=(2, 0))
with open("le-i4-v3.npy", "wb") as f:
    np.lib.format.write_array(f, base.astype("<i4"), version=(3, 0))
# What NpyWriter must reproduce byte for byte: a uint8 C-order array, format 1.0.
np.save("segs-u1.npy", (base % 5).astype(np.uint8))
# A FLARE-style case, compressed as the challenge ships them, and one stored uncompressed.
imgs = (base * 10 - 100).astype(np.int16)
recist = np.zeros((2, 3, 4), np.uint8)
recist[1, 1, 0:3] = 1
np.savez_compressed("case.npz", imgs=imgs, spacing=np.array([0.8, 0.7, 2.5]), recist=recist)
np.savez("case-stored.npz", imgs=imgs, spacing=np.array([0.8, 0.7, 2.5]), recist=recist)
