#!/usr/bin/env bash
# Soak test of `wsss weak-labels` (not part of the test run; run by hand, see docs/reliability.md):
# N phantom lesions with 1 % planted faults (half a truncated key-slice PNG, half a degenerate
# RECIST row). Checks that failures.csv lists exactly the planted lesions and every other mask
# reads back, and samples the JVM's resident memory and throughput over the run.
#
#   N=10000 WORK=/tmp/wsss-soak BASE=100 THREADS=2 XMX=1g scripts/soak.sh
#
# To keep disk use and set-up time low, BASE phantom lesions are generated with `wsss phantom`
# (or taken from BASE_DIR, a folder `wsss phantom` wrote) and the dataset is filled up to N rows
# with copies of them under new patient numbers (slice PNGs hard-linked, so a copy costs no
# disk); every row is its own lesion with its own id and its own output. A planted fault
# replaces the file (never writes through a link). The tool runs from the classpath the `wsss`
# launcher builds, or from WSSS_CP if set.
set -euo pipefail
N=${N:-10000}
WORK=${WORK:-/tmp/wsss-soak}
BASE=${BASE:-100}
THREADS=${THREADS:-2}
XMX=${XMX:-1g}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export OMP_NUM_THREADS=1

if [ -z "${WSSS_CP:-}" ]; then
    "$root/wsss" --version >/dev/null
    WSSS_CP="$root/wsss-cli/target/classes:$(cat "$root/wsss-cli/target/classpath.txt")"
fi
data="$WORK/dl" out="$WORK/out"
if [ "${REUSE:-0}" = 1 ] && [ -f "$data/planted.txt" ]; then
    echo "soak: reusing $data" >&2
    rm -rf "$out"
else
rm -rf "$WORK" && mkdir -p "$WORK"
if [ -n "${BASE_DIR:-}" ]; then
    base="$BASE_DIR"
else
    base="$WORK/base"
    echo "soak: generating $BASE phantom lesions" >&2
    java -Xmx2g -cp "$WSSS_CP" org.wsss.cli.WsssCli phantom --out "$base" --n "$BASE" --threads "$THREADS" \
        --no-progress >/dev/null
fi

python3 - "$base" "$data" "$N" <<'PY'
import csv, os, random, sys
base, data, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = list(csv.reader(open(os.path.join(base, "DL_info.csv"), newline="")))
header, body = rows[0], rows[1:]
os.makedirs(os.path.join(data, "Images_png"))
out_rows = []
for i in range(n):
    src = body[i % len(body)]
    patient = i + 1
    r = list(src)
    old_series = "%06d_%02d_%02d" % (int(r[1]), int(r[2]), int(r[3]))
    new_series = "%06d_%02d_%02d" % (patient, int(r[2]), int(r[3]))
    r[0] = "%s_%03d.png" % (new_series, int(r[4]))
    r[1] = str(patient)
    sdir = os.path.join(data, "Images_png", new_series)
    os.makedirs(sdir)
    for f in os.listdir(os.path.join(base, "Images_png", old_series)):
        os.link(os.path.join(base, "Images_png", old_series, f), os.path.join(sdir, f))
    out_rows.append(r)
rnd = random.Random(20180916)
planted = sorted(rnd.sample(range(n), n // 100))
ids = []
for k, i in enumerate(planted):
    r = out_rows[i]
    ids.append(r[0][:-4])
    if k % 2 == 0:
        # a truncated key slice: replace the hard link by a new file
        key = os.path.join(data, "Images_png", r[0][:12], "%03d.png" % int(r[4]))
        head = open(key, "rb").read(200)
        os.remove(key)
        open(key, "wb").write(head)
    else:
        # a degenerate RECIST: both axes horizontal
        r[5] = "10, 10, 30, 10, 10, 12, 30, 12"
with open(os.path.join(data, "DL_info.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    w.writerows(out_rows)
open(os.path.join(data, "planted.txt"), "w").write("\n".join(ids) + "\n")
PY
fi

echo "soak: weak-labels on $N lesions, -Xmx$XMX, $THREADS threads" >&2
# The run and its samples (resident memory from /proc, masks written so far) every 5 s; the
# heap after each collection from the GC log.
read -r start end code < <(python3 - "$WSSS_CP" "$XMX" "$THREADS" "$data" "$out" "$WORK" <<'PY'
import os, subprocess, sys, time
cp, xmx, threads, data, out, work = sys.argv[1:]
cmd = ["java", "-Xmx" + xmx, "-Xlog:gc:file=" + os.path.join(work, "gc.log"), "-cp", cp, "org.wsss.cli.WsssCli",
       "weak-labels", "--deeplesion", data, "--method", "grabcut-r", "--out", out, "--threads", threads, "--no-progress"]
start = time.time()
with open(os.path.join(work, "run.log"), "w") as log, open(os.path.join(work, "samples.tsv"), "w") as samples:
    p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    while p.poll() is None:
        rss = ""
        try:
            for line in open("/proc/%d/status" % p.pid):
                if line.startswith("VmRSS:"):
                    rss = line.split()[1]
        except OSError:
            pass
        done = sum(1 for e in os.scandir(out) if e.name.endswith(".png")) if os.path.isdir(out) else 0
        samples.write("%.3f\t%s\t\t%d\n" % (time.time(), rss, done))
        samples.flush()
        time.sleep(5)
print(start, time.time(), p.returncode)
PY
)
echo "soak: exit $code, $(tail -1 "$WORK/run.log")" >&2

python3 - "$WORK" "$N" "$start" "$end" "$code" <<'PY'
import csv, os, sys
work, n, start, end, code = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
planted = set(open(os.path.join(work, "dl", "planted.txt")).read().split())
failed = [r[0] for r in list(csv.reader(open(os.path.join(work, "out", "failures.csv"))))[1:]]
pngs = [f for f in os.listdir(os.path.join(work, "out")) if f.endswith(".png")]
print("lesions %d, planted %d, failures.csv %d, exactly the planted: %s, masks written %d (expected %d)"
      % (n, len(planted), len(failed), set(failed) == planted and len(failed) == len(planted), len(pngs), n - len(planted)))
print("exit code %d (1 = some lesions failed), wall time %.1f s" % (code, end - start))
s = [l.rstrip("\n").split("\t") for l in open(os.path.join(work, "samples.tsv"))]
s = [(float(t), int(r) if r else None, int(h) if h else None, int(d)) for t, r, h, d in s]
rss = [(d, r) for t, r, h, d in s if r]
def at(frac):
    pts = [r for d, r in rss if d >= frac * n] or [rss[-1][1]]
    return pts[0] / 1024
print("peak RSS %.0f MB; RSS at 10 %% / 50 %% / 90 %% done: %.0f / %.0f / %.0f MB"
      % (max(r for d, r in rss) / 1024, at(0.1), at(0.5), at(0.9)))
import re
after = [int(m.group(1)) for m in re.finditer(r"->(\d+)M\(", open(os.path.join(work, "gc.log")).read())]
if after:
    k = max(1, len(after) // 3)
    print("heap after GC (MB, %d collections): max %d; max in first / middle / last third: %d / %d / %d"
          % (len(after), max(after), max(after[:k]), max(after[k:2 * k] or after[:k]), max(after[-k:])))
# throughput per decile of lesions done
pts = [(t, d) for t, r, h, d in s]
out = []
for k in range(10):
    lo, hi = k * n // 10, (k + 1) * n // 10
    a = [t for t, d in pts if d >= lo]
    b = [t for t, d in pts if d >= hi - n // 100]
    if a and b and b[0] > a[0]:
        out.append("%.1f" % ((hi - lo) / (b[0] - a[0])))
print("lesions per second by tenth of the run: " + " ".join(out))
PY
