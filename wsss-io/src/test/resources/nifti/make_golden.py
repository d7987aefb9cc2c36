#!/usr/bin/env python3
"""Golden NIfTI-1 files for org.wsss.io.Nifti, written and read by nibabel.

  make_golden.py write   writes the nib_*.nii[.gz] files and nib_expected.txt
  make_golden.py check   reads the ours_*.nii[.gz] files (written by the Java writer) with
                         nibabel and writes what nibabel sees to ours_expected.txt

Run from this folder with Debian's python3-nibabel (5.0.0). Voxel lists are in file order
(i fastest, then j, then k: numpy order 'F'). Header floats are float32 values printed as the
Python float (double) they convert to, so they compare exactly.
"""
import sys

import nibabel as nib
import numpy as np


def fmt(v):
    v = float(v)
    if np.isnan(v):
        return "NaN"
    if np.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def describe(name, out):
    """Appends nibabel's view of file `name` to the list of lines `out`."""
    img = nib.load(name)
    # The header as stored: a loaded image's own header has scl_slope/inter reset to NaN.
    with nib.openers.ImageOpener(name) as f:
        h = nib.Nifti1Header.from_fileobj(f)
    lines = []

    def put(key, values):
        if not isinstance(values, (list, tuple, np.ndarray)):
            values = [values]
        lines.append(f"{name} {key} " + " ".join(fmt(v) for v in values))

    put("endian", [1 if h.endianness == '<' else 0])
    put("dim", list(h['dim']))
    put("datatype", int(h['datatype']))
    put("bitpix", int(h['bitpix']))
    put("pixdim", list(h['pixdim']))
    put("vox_offset", float(h['vox_offset']))
    put("scl_slope", float(h['scl_slope']))
    put("scl_inter", float(h['scl_inter']))
    put("qform_code", int(h['qform_code']))
    put("sform_code", int(h['sform_code']))
    for k in ("quatern_b", "quatern_c", "quatern_d", "qoffset_x", "qoffset_y", "qoffset_z"):
        put(k, float(h[k]))
    for k in ("srow_x", "srow_y", "srow_z"):
        put(k, list(h[k]))
    put("xyzt_units", int(h['xyzt_units']))
    lines.append(f"{name} descrip " + h['descrip'].item().decode('ascii'))
    # nibabel's affine: the sform when its code > 0, else the qform; 12 values row by row.
    put("affine", list(np.asarray(img.affine)[:3, :].ravel()))
    put("qform_affine", list(np.asarray(h.get_qform())[:3, :].ravel()))
    raw = np.asarray(img.dataobj.get_unscaled()).reshape(img.shape[:3], order='F')
    put("raw", list(raw.ravel(order='F')))
    scaled = np.asarray(img.get_fdata()).reshape(img.shape[:3], order='F')
    put("scaled", list(scaled.ravel(order='F')))
    out.extend(lines)


def ramp(shape, dtype, f):
    a = np.zeros(shape, dtype=dtype)
    for idx in np.ndindex(*shape):
        a[idx] = f(*idx)
    return a


def save(img, name, zooms, units='mm', descrip=None):
    img.header.set_zooms(zooms)
    img.header.set_xyzt_units(units)
    if descrip is not None:
        img.header['descrip'] = descrip
    nib.save(img, name)


def write():
    names = []

    # 5x4x3 binary mask, uint8, diagonal affine.
    mask = ramp((5, 4, 3), np.uint8, lambda x, y, z: 1 if (x + 2 * y + 3 * z) % 4 == 0 else 0)
    img = nib.Nifti1Image(mask, np.diag([0.8, 0.9, 3.0, 1.0]))
    img.header.set_data_dtype(np.uint8)
    save(img, "nib_mask_uint8.nii", (0.8, 0.9, 3.0), descrip=b"nibabel mask")
    names.append("nib_mask_uint8.nii")

    # int16 with scl_slope 2, scl_inter -1024 and distinct qform (code 1) and sform (code 2).
    # nibabel chooses its own scaling when saving an image, so the header is built by hand and
    # the data written with rescale=False, which keeps the slope/intercept as set.
    raw = ramp((5, 4, 3), np.int16, lambda x, y, z: 40 * x - 13 * y * y + 100 * z - 30)
    hdr = nib.Nifti1Header()
    hdr.set_data_shape(raw.shape)
    hdr.set_data_dtype(np.int16)
    hdr.set_zooms((0.7, 0.7, 2.5))
    c, s = np.cos(0.3), np.sin(0.3)
    rot = np.array([[c, -s, 0, 0], [s, c, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])
    qaff = rot @ np.diag([0.7, 0.7, 2.5, 1.0])
    qaff[:3, 3] = [-120.5, 33.25, -400.0]
    hdr.set_qform(qaff, code=1)
    saff = np.diag([-0.7, -0.7, 2.5, 1.0])
    saff[:3, 3] = [175.0, 180.0, -250.0]
    hdr.set_sform(saff, code=2)
    hdr.set_slope_inter(2.0, -1024.0)
    hdr.set_xyzt_units('mm', 'sec')
    hdr['descrip'] = b"nibabel int16 scaled"
    with open("nib_int16_scaled.nii", "wb") as f:
        hdr.write_to(f)
        hdr.data_to_fileobj(raw, f, rescale=False)
    names.append("nib_int16_scaled.nii")

    # float32, gzip-compressed, 6x5x4, fractional and negative values.
    vol = ramp((6, 5, 4), np.float32, lambda x, y, z: np.float32(-1000.25 + 3.5 * x - 0.125 * y + 97.75 * z))
    img = nib.Nifti1Image(vol, np.diag([1.5, 1.25, 5.0, 1.0]))
    img.header.set_data_dtype(np.float32)
    save(img, "nib_float32.nii.gz", (1.5, 1.25, 5.0), descrip=b"nibabel float32 gz")
    names.append("nib_float32.nii.gz")

    # Big-endian int16, 4x3x2.
    be = ramp((4, 3, 2), np.int16, lambda x, y, z: 1000 * z + 100 * y + x - 1500)
    hdr = nib.Nifti1Header(endianness='>')
    img = nib.Nifti1Image(be, np.diag([0.5, 0.6, 1.0, 1.0]), header=hdr)
    img.header.set_data_dtype(np.dtype('>i2'))
    save(img, "nib_int16_bigendian.nii", (0.5, 0.6, 1.0), descrip=b"nibabel big-endian")
    names.append("nib_int16_bigendian.nii")

    # The other readable types, 3x2x2.
    for dtype, name, f in (
            (np.int32, "nib_int32.nii", lambda x, y, z: -70000 + 50000 * x + 7 * y - 3 * z),
            (np.float64, "nib_float64.nii", lambda x, y, z: 0.1 * x - 1e-3 * y + 1e5 * z),
            (np.uint16, "nib_uint16.nii", lambda x, y, z: 65535 - 1000 * x - 10 * y - z)):
        a = ramp((3, 2, 2), dtype, f)
        img = nib.Nifti1Image(a, np.diag([1.0, 2.0, 3.0, 1.0]))
        img.header.set_data_dtype(dtype)
        save(img, name, (1.0, 2.0, 3.0))
        names.append(name)

    # 4D with one time point: dim[0] = 4, dim[4] = 1.
    a = ramp((3, 2, 2, 1), np.uint8, lambda x, y, z, t: x + 3 * y + 6 * z)
    img = nib.Nifti1Image(a, np.diag([1.0, 1.0, 2.0, 1.0]))
    img.header.set_data_dtype(np.uint8)
    save(img, "nib_4d_t1.nii", (1.0, 1.0, 2.0, 1.0))
    names.append("nib_4d_t1.nii")

    out = []
    for n in names:
        describe(n, out)
    with open("nib_expected.txt", "w") as f:
        f.write("# nibabel " + nib.__version__ + ": written by make_golden.py write\n")
        f.write("\n".join(out) + "\n")


def check():
    out = []
    for n in ("ours_mask_uint8.nii", "ours_int16.nii", "ours_float32.nii.gz"):
        describe(n, out)
    with open("ours_expected.txt", "w") as f:
        f.write("# nibabel " + nib.__version__ + ": files of the Java writer as nibabel reads them"
                " (make_golden.py check)\n")
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    {"write": write, "check": check}[sys.argv[1] if len(sys.argv) > 1 else "write"]()
