# the wizard on a real terminal (a pseudo-terminal): it starts without
# --wizard, the terminal echoes typed lines, and at step 2 the single
# keystroke "a" answers at once, without Enter
python3 - "$TMP/contracts.tsv" <<'PY'
import os, pty, select, sys, time

path = sys.argv[1]
pid, fd = pty.fork()
if pid == 0:
    os.execvp("mapcontract", ["mapcontract", "new", "-f", path])
    os._exit(127)
out = b""
pos = 0

def wait_for(text):
    global out, pos
    end = time.time() + 20
    while True:
        i = out.find(text.encode(), pos)
        if i >= 0:
            pos = i + len(text)
            return
        left = end - time.time()
        if left <= 0:
            sys.exit("timed out waiting for %r" % text)
        r, _, _ = select.select([fd], [], [], left)
        try:
            data = os.read(fd, 4096) if r else b""
        except OSError:
            data = b""
        if r and not data:
            sys.exit("end of output waiting for %r" % text)
        out += data

steps = [
    ("Contract id: ", "P-1\r"),
    ("]: ", "map-ai\r"),
    ("(12 digits): ", "111122223333\r"),
    ("digits): ", "ABCDE12345\r"),
    ("(YYYY-MM-DD): ", "2026-07-01\r"),
    ("]: ", "2027-06-30\r"),
    ("25%): ", "0.3\r"),
    ("none): ", "\r"),
    ("Services [a]: ", "a"),
    ("principal) [profile]: ", "\r"),
    ("Accounts [all]: ", "777788889999\r"),
    ("or none [none]: ", "\r"),
    ("n = quit): ", "y\r"),
]
for want, send in steps:
    wait_for(want)
    os.write(fd, send.encode())
while True:
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode().replace("\r\n", "\n"))
print("exit", os.waitstatus_to_exitcode(status))
PY
cat "$TMP/contracts.tsv"
