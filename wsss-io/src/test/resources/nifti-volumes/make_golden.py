#!/usr/bin/env python3
"""Writes the NIfTI-1/NIfTI-2 golden volumes read by NiftiVolumeGoldenTest (numpy only).

Every file is 4 x 3 x 2 voxels whose stored (raw) value at file index (i, j, k) is
i + 10 j + 100 k; the test checks where each value lands on the SDK grid and its scaled HU.
Run from this folder: python3 make_golden.py
"""
import gzip
import struct
import numpy as np

DIMS = (4, 3, 2)


def raw_values(dtype):
    i, j, k = np.meshgrid(np.arange(4), np.arange(3), np.arange(2), indexing="ij")
    return (i + 10 * j + 100 * k).astype(dtype)


def quaternion(r):
    """NIfTI quaternion (b, c, d) and qfac of a 3x3 direction matrix (columns = axes)."""
    r = np.array(r, dtype=float)
    qfac = 1.0
    if np.linalg.det(r) < 0:
        r[:, 2] = -r[:, 2]
        qfac = -1.0
    a = 1.0 + r[0, 0] + r[1, 1] + r[2, 2]
    if a > 0.5:
        a = 0.5 * np.sqrt(a)
        b = 0.25 * (r[2, 1] - r[1, 2]) / a
        c = 0.25 * (r[0, 2] - r[2, 0]) / a
        d = 0.25 * (r[1, 0] - r[0, 1]) / a
    else:
        xd = 1.0 + r[0, 0] - (r[1, 1] + r[2, 2])
        yd = 1.0 + r[1, 1] - (r[0, 0] + r[2, 2])
        zd = 1.0 + r[2, 2] - (r[0, 0] + r[1, 1])
        if xd > 1.0:
            b = 0.5 * np.sqrt(xd); c = 0.25 * (r[0, 1] + r[1, 0]) / b
            d = 0.25 * (r[0, 2] + r[2, 0]) / b; a = 0.25 * (r[2, 1] - r[1, 2]) / b
        elif yd > 1.0:
            c = 0.5 * np.sqrt(yd); b = 0.25 * (r[0, 1] + r[1, 0]) / c
            d = 0.25 * (r[1, 2] + r[2, 1]) / c; a = 0.25 * (r[0, 2] - r[2, 0]) / c
        else:
            d = 0.5 * np.sqrt(zd); b = 0.25 * (r[0, 2] + r[2, 0]) / d
            c = 0.25 * (r[1, 2] + r[2, 1]) / d; a = 0.25 * (r[1, 0] - r[0, 1]) / d
        if a < 0:
            b, c, d = -b, -c, -d
    return (b, c, d), qfac


CODES = {np.dtype("u1"): 2, np.dtype("i2"): 4, np.dtype("i4"): 8, np.dtype("f4"): 16, np.dtype("f8"): 64,
         np.dtype("i1"): 256, np.dtype("u2"): 512, np.dtype("u4"): 768, np.dtype("i8"): 1024,
         np.dtype("u8"): 1280}


def nifti1(path, dtype, endian="<", slope=1.0, inter=0.0, sform=None, sform_code=1, qform=None, qform_code=0,
           units=2, gz=False):
    dt = np.dtype(dtype).newbyteorder(endian)
    h = bytearray(352)
    e = endian
    struct.pack_into(e + "i", h, 0, 348)
    struct.pack_into(e + "8h", h, 40, 3, *DIMS, 1, 1, 1, 1)
    struct.pack_into(e + "hh", h, 70, CODES[np.dtype(dtype)], dt.itemsize * 8)
    spacing = sform[2] if sform is not None else qform[2]
    qfac = 1.0
    quat = (0.0, 0.0, 0.0)
    if qform is not None:
        quat, qfac = quaternion(qform[0])
    struct.pack_into(e + "8f", h, 76, qfac, *spacing, 1, 1, 1, 1)
    struct.pack_into(e + "f", h, 108, 352.0)
    struct.pack_into(e + "ff", h, 112, slope, inter)
    h[123] = units
    h[148:148 + 6] = b"golden"
    struct.pack_into(e + "hh", h, 252, qform_code, sform_code)
    offset = qform[1] if qform is not None else (0, 0, 0)
    struct.pack_into(e + "6f", h, 256, *quat, *offset)
    if sform is not None:
        m, off = np.array(sform[0], float), sform[1]
        for r in range(3):
            struct.pack_into(e + "4f", h, 280 + 16 * r, *(m[r] * np.array(spacing)), off[r])
    h[344:348] = b"n+1\0"
    data = raw_values(dt).tobytes(order="F")
    blob = bytes(h) + data
    if gz:
        with gzip.open(path, "wb") as f:
            f.write(blob)
    else:
        open(path, "wb").write(blob)


def nifti2(path, dtype, endian, sform, slope=1.0, inter=0.0):
    dt = np.dtype(dtype).newbyteorder(endian)
    e = endian
    h = bytearray(544)
    struct.pack_into(e + "i", h, 0, 540)
    h[4:12] = b"n+2\0\r\n\x1a\n"
    struct.pack_into(e + "hh", h, 12, CODES[np.dtype(dtype)], dt.itemsize * 8)
    struct.pack_into(e + "8q", h, 16, 3, *DIMS, 1, 1, 1, 1)
    m, off, spacing = np.array(sform[0], float), sform[1], sform[2]
    struct.pack_into(e + "8d", h, 104, 1.0, *spacing, 1, 1, 1, 1)
    struct.pack_into(e + "q", h, 168, 544)
    struct.pack_into(e + "dd", h, 176, slope, inter)
    struct.pack_into(e + "ii", h, 344, 0, 2)
    for r in range(3):
        struct.pack_into(e + "4d", h, 400 + 32 * r, *(m[r] * np.array(spacing)), off[r])
    struct.pack_into(e + "i", h, 500, 2)
    data = raw_values(dt).tobytes(order="F")
    open(path, "wb").write(bytes(h) + data)


I3 = np.eye(3)
LPS = np.diag([-1.0, -1.0, 1.0])
SP = (0.5, 0.6, 2.5)
# RAS-stored (as nibabel writes by default): SDK x and y run against file axes 0 and 1.
nifti1("n1-int16-scaled-ras.nii", "i2", slope=2.0, inter=-1000.0, sform=(I3, (10, 20, 30), SP))
# LPS-stored (as DICOM converters often write), gzip: the SDK grid itself.
nifti1("n1-uint16-lps.nii.gz", "u2", sform=(LPS, (0, 0, 0), SP), gz=True)
# qform only, axes permuted: file axis 0 -> +S, axis 1 -> -A (posterior), axis 2 -> +R.
PERM = [[0, 0, 1], [0, -1, 0], [1, 0, 0]]
nifti1("n1-float32-qform-permuted.nii", "f4", sform=None, sform_code=0, qform=(PERM, (1, 2, 3), SP),
       qform_code=1)
# qform with qfac -1 (a mirror): file axis 0 -> -R, axis 1 -> -A, axis 2 -> -S.
nifti1("n1-int8-qfac-mirror.nii", "i1", sform=None, sform_code=0, qform=(np.diag([-1.0, -1.0, -1.0]), (0, 0, 0), SP),
       qform_code=2)
# Big-endian, no transform at all (codes 0): pixdim diagonal, RAS.
nifti1("n1-int32-be-nocode.nii", "i4", endian=">", sform=(I3, (0, 0, 0), SP), sform_code=0)
for name, dt in [("uint8", "u1"), ("uint32", "u4"), ("int64", "i8"), ("uint64", "u8"), ("float64", "f8")]:
    nifti1("n1-%s-lps.nii" % name, dt, sform=(LPS, (0, 0, 0), SP))
# Spatial units in metres (code 1): spacing 0.0005 m = 0.5 mm.
nifti1("n1-int16-metres.nii", "i2", sform=(LPS, (0, 0, 0), (0.0005, 0.0006, 0.0025)), units=1)
nifti2("n2-float64-be-lps.nii", "f8", ">", sform=(LPS, (0, 0, 0), SP), slope=0.5, inter=1.0)
nifti2("n2-int16-le-ras.nii", "i2", "<", sform=(I3, (0, 0, 0), SP))
# Bad: an sform_code NIfTI does not define.
nifti1("bad-sform-code.nii", "i2", sform=(LPS, (0, 0, 0), SP), sform_code=9)
