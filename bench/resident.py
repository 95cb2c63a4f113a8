"""bench/resident.py: how much of each input is in the page cache.

The benchmarks time warm reads, and a page that the kernel dropped
between two rounds is read again from disk inside the timed run (and
counted as system time). On the machines of this workplace the kernel
drops page cache with most of the memory free: an idle 2.6 GB export went
from 94% to 90% resident in minutes. So before every timed run each input
is read back in where it is not resident (only those pages), and then
what is resident is recorded (mincore(2) over a read-only mapping, which
faults nothing in): "warm" is measured, not assumed.

    python3 resident.py LOG FILE...   warm each FILE, then append
                                      "FILE<TAB>resident<TAB>size<TAB>warmed"
                                      to LOG (warmed: the bytes read back in)

As a module: resident(path) -> (resident bytes, size), warm(path) -> the
bytes read back in, and summary(LOG) -> the lines the reports print.
"""
import ctypes
import ctypes.util
import mmap
import os
import sys

_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
_libc.mmap.restype = ctypes.c_void_p
_libc.mmap.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int,
                       ctypes.c_int, ctypes.c_int, ctypes.c_long)
_libc.munmap.argtypes = (ctypes.c_void_p, ctypes.c_size_t)
_libc.mincore.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p)
_MAP_FAILED = ctypes.c_void_p(-1).value


def _vector(path):
    """(size, page size, mincore vector of path)"""
    size = os.path.getsize(path)
    if size == 0:
        return 0, mmap.PAGESIZE, b""
    page = mmap.PAGESIZE
    fd = os.open(path, os.O_RDONLY)
    try:
        addr = _libc.mmap(None, size, mmap.PROT_READ, mmap.MAP_SHARED, fd, 0)
        if addr in (None, _MAP_FAILED):
            raise OSError(ctypes.get_errno(), "mmap " + path)
        try:
            npages = (size + page - 1) // page
            vec = ctypes.create_string_buffer(npages)
            if _libc.mincore(addr, size, vec) != 0:
                raise OSError(ctypes.get_errno(), "mincore " + path)
            return size, page, vec.raw
        finally:
            _libc.munmap(addr, size)
    finally:
        os.close(fd)


def resident(path):
    """(bytes of path in the page cache, its size)"""
    size, page, vec = _vector(path)
    n = sum(b & 1 for b in vec)
    return min(n * page, size), size


def warm(path):
    """Read back in the pages of path that are not resident; the bytes read."""
    size, page, vec = _vector(path)
    got = 0
    buf = bytearray(1 << 20)
    fd = os.open(path, os.O_RDONLY)
    try:
        i, n = 0, len(vec)
        while i < n:
            if vec[i] & 1:
                i += 1
                continue
            j = i
            while j < n and not vec[j] & 1:
                j += 1
            off, end = i * page, min(j * page, size)
            while off < end:
                k = os.preadv(fd, [memoryview(buf)[:min(len(buf), end - off)]], off)
                if k <= 0:
                    break
                off += k
                got += k
            i = j
    finally:
        os.close(fd)
    return got


def record(log, paths):
    with open(log, "a") as f:
        for p in paths:
            w = warm(p)
            r, s = resident(p)
            f.write(f"{p}\t{r}\t{s}\t{w}\n")


def summary(log):
    """Lines saying how warm the inputs were before the timed runs."""
    worst, low, runs = {}, {}, {}
    try:
        rows = [l.rstrip("\n").split("\t") for l in open(log)]
    except FileNotFoundError:
        return ["page cache: not measured"]
    warmed = 0
    for p, r, s, w in rows:
        warmed += int(w)
        frac = int(r) / int(s) if int(s) else 1.0
        name = os.path.basename(p)
        worst[name] = min(worst.get(name, 1.0), frac)
        runs[name] = runs.get(name, 0) + 1
        if frac < 0.99:
            low[name] = low.get(name, 0) + 1
    if not worst:
        return ["page cache: not measured"]
    cold = sum(low.values())
    out = [f"page cache: before each timed run its inputs were read back in where the "
           f"kernel had dropped them ({warmed / 1e6:,.1f} MB in all), then measured (mincore):",
           "  " +
           ("every input at least 99% resident" if cold == 0 else
            f"{cold} of {sum(runs.values())} input reads started below 99% "
            "resident (those runs read from disk: system time and wall rise)")]
    for name in sorted(worst):
        out.append(f"    {name:38s} least resident {worst[name]:7.1%}"
                   f"   below 99% before {low.get(name, 0)} of {runs[name]} runs")
    return out


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: resident.py LOG FILE...")
    record(sys.argv[1], sys.argv[2:])
