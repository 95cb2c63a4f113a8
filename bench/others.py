"""bench/others.py: what else ran on the machine while a benchmark timed.

The load average says that something ran, not what. On a shared virtual
machine two things take CPU from a benchmark: other processes on the same
kernel, and other guests on the same host (the hypervisor's steal time).
This tells both for the window between `start` and `report`:

    python3 others.py start SNAP                snapshot /proc into SNAP
    python3 others.py report SNAP ROOTPID OUT   the window's figures, as
                                                JSON, into OUT

It counts the CPU seconds of the whole machine (/proc/stat: busy and
stolen), and those of every process alive at `report` that is not
ROOTPID or a descendant of it (the benchmark's own tree), over the window
(a process started inside the window counts from its start). A process
of someone else's that started and ended inside the window is not seen
by name; it is in the machine's busy seconds.

As a module: snapshot() -> dict, measure(snapshot, rootpid) -> the
window's figures, describe(figures, own CPU s) -> the report's lines.
"""
import json
import os
import sys

_HZ = os.sysconf("SC_CLK_TCK")


def _cpu_line():
    with open("/proc/stat") as f:
        for line in f:
            if line.startswith("cpu "):
                v = [int(x) for x in line.split()[1:]]
                v += [0] * (8 - len(v))
                return v
    return [0] * 8


def _procs():
    """{pid: (ppid, name, cpu ticks, start ticks)}"""
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                s = f.read()
        except OSError:
            continue
        # the name is in parentheses and may hold blanks or parentheses
        lp, rp = s.find("("), s.rfind(")")
        name = s[lp + 1:rp]
        f = s[rp + 2:].split()
        # fields from 3 on: state ppid ... utime(14) stime(15) ... start(22)
        out[int(d)] = (int(f[1]), name, int(f[11]) + int(f[12]), int(f[19]))
    return out


def snapshot():
    return {"cpu": _cpu_line(), "procs": {str(k): v for k, v in _procs().items()}}


def _tree(procs, root):
    kids = {}
    for pid, (ppid, _, _, _) in procs.items():
        kids.setdefault(ppid, []).append(pid)
    mine, todo = set(), [root]
    while todo:
        p = todo.pop()
        if p in mine:
            continue
        mine.add(p)
        todo.extend(kids.get(p, []))
    return mine


def measure(before, root):
    """The window's figures, from the snapshot `before` to now."""
    after_cpu, after_procs = _cpu_line(), _procs()
    d = [y - x for x, y in zip(before["cpu"], after_cpu)]
    # user nice system idle iowait irq softirq steal
    mine = _tree(after_procs, root)
    bp = {int(k): v for k, v in before["procs"].items()}
    other = []
    for pid, (ppid, name, ticks, start) in after_procs.items():
        if pid in mine:
            continue
        old = bp.get(pid)
        used = ticks - old[2] if old and old[3] == start else ticks
        if used > 0:
            other.append([used / _HZ, name, pid])
    other.sort(key=lambda x: (-x[0], x[1], x[2]))
    return {"busy": (d[0] + d[1] + d[2] + d[5] + d[6]) / _HZ,
            "total": sum(d[:8]) / _HZ, "steal": d[7] / _HZ,
            "iowait": d[4] / _HZ, "other": other}


def describe(m, own=None):
    """The report's lines for a window (measure); own: the CPU seconds of
    the benchmark's own timed commands, when known."""
    if not m or not m["total"]:
        return ["what else ran while timing: not measured"]
    busy, total, steal = m["busy"], m["total"], m["steal"]
    s = (f"what else ran while timing: the machine was busy {busy:.1f} of "
         f"{total:.1f} CPU s")
    if own is not None:
        s += (f", {own:.1f} of them the timed commands, {max(busy - own, 0):.1f} "
              "by everything else (the benchmark's untimed steps and other work)")
    out = [s, f"  other guests of the hypervisor took {steal:.1f} CPU s "
              f"({steal / total:.1%} of the window: steal time)"]
    other = [x for x in m["other"] if x[0] >= 0.05]
    if other:
        osum = sum(x[0] for x in m["other"])
        top = ", ".join(f"{n} {t:.1f} s" for t, n, _ in other[:5])
        out.append(f"  processes outside the benchmark, alive at its end: {osum:.1f} "
                   f"CPU s (most: {top})")
    else:
        out.append("  processes outside the benchmark, alive at its end: none took "
                   "0.05 CPU s")
    return out


def main(argv):
    if len(argv) == 3 and argv[1] == "start":
        with open(argv[2], "w") as f:
            json.dump(snapshot(), f)
        return 0
    if len(argv) == 5 and argv[1] == "report":
        with open(argv[2]) as f:
            before = json.load(f)
        with open(argv[4], "w") as f:
            json.dump(measure(before, int(argv[3])), f)
        return 0
    print("usage: others.py start SNAP | report SNAP ROOTPID OUT", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
