"""pack under concurrency and crashes (issue 12): a second pack into a folder
fails while the first runs, shards share a folder, workers of --jobs die with
their parent."""
import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, JB  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
tmp = tempfile.mkdtemp(prefix="jb-conc-")
subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_synthetic.py"), tmp, "400"], check=True)
env = dict(os.environ, JB_DATA_DIR=os.path.join(tmp, "data-root"))
docs = os.path.join(tmp, "docs")


def start(out, *extra):
    return subprocess.Popen([JB, "pack", docs, "-o", out, "--quiet"] + list(extra), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(path, proc, limit=60):
    t = time.time()
    while not os.path.exists(path) and proc.poll() is None and time.time() - t < limit:
        time.sleep(0.01)
    return os.path.exists(path)


def pages(out):
    d = os.path.join(out, "counties")
    return len([f for f in os.listdir(d) if f.endswith(".pdf")]) if os.path.isdir(d) else 0


# A second pack into the same folder while the first runs: refused, the first unharmed.
out = os.path.join(tmp, "o1")
first = start(out)
wait_for(os.path.join(out, "facts.json"), first)
running = first.poll() is None
second = subprocess.run([JB, "pack", docs, "-o", out, "--quiet"], env=env, capture_output=True)
err = second.stderr.decode()
check("lock: the first pack was still running", running and first.poll() is None)
check("lock: the second pack fails", second.returncode == 1 and "another jianbao pack is writing into this folder" in err, err)
o, e = first.communicate()
check("lock: the first pack succeeds", first.returncode == 0, e.decode())
check("lock: the first pack wrote every page", pages(out) == 400, str(pages(out)))
again = subprocess.run([JB, "pack", docs, "-o", out, "--quiet", "--by", "none"], env=env, capture_output=True)
check("lock: released when the pack ends", again.returncode == 0, again.stderr.decode())

# Shards of one batch may share a folder (shared lock); a plain pack may not join them.
out = os.path.join(tmp, "o2")
s1, s2 = start(out, "--shard", "1/2"), start(out, "--shard", "2/2")
wait_for(os.path.join(out, "facts.json"), s1)
plain = subprocess.run([JB, "pack", docs, "-o", out, "--quiet"], env=env, capture_output=True)
busy = s1.poll() is None or s2.poll() is None
r1, r2 = s1.wait(), s2.wait()
check("shards: both shards into one folder succeed", r1 == 0 and r2 == 0, s1.stderr.read().decode() + s2.stderr.read().decode())
check("shards: every page written once", pages(out) == 400, str(pages(out)))
check("shards: a plain pack is refused while they run", not busy or plain.returncode == 1, plain.stderr.decode())

# Killing the parent of --jobs 2 stops its workers.
out = os.path.join(tmp, "o3")
p = start(out, "--jobs", "2")
ok = wait_for(os.path.join(out, "counties"), p) and p.poll() is None
time.sleep(0.05)
try:
    kids = [int(k) for k in open("/proc/%d/task/%d/children" % (p.pid, p.pid)).read().split()]
except OSError:
    kids = []
p.send_signal(signal.SIGKILL)
p.wait()


def alive(pid):
    try:
        return open("/proc/%d/stat" % pid).read().split(")")[-1].split()[0] not in ("Z", "X")
    except OSError:
        return False


t = time.time()
while any(alive(k) for k in kids) and time.time() - t < 5:
    time.sleep(0.02)
check("workers: two workers were running", ok and len(kids) == 2, "%s %s" % (ok, kids))
check("workers: they die with their parent", not any(alive(k) for k in kids), str([k for k in kids if alive(k)]))
n = pages(out)
time.sleep(0.5)
check("workers: no page is written after they died", pages(out) == n and n < 400, "%d -> %d" % (n, pages(out)))
# Files are fsynced before the rename, the folder after (checked with strace where installed).
if subprocess.run(["sh", "-c", "command -v strace"], capture_output=True).returncode == 0:
    log = os.path.join(tmp, "strace.log")
    out = os.path.join(tmp, "o4")
    subprocess.run(["strace", "-f", "-e", "trace=fsync,renameat,rename", "-o", log, JB, "pack",
                    os.path.join(ROOT, "seeds"), "-o", out, "--quiet"], capture_output=True)
    calls = [ln.split(None, 1)[1] for ln in open(log) if "fsync(" in ln or "rename" in ln]
    renames = [i for i, c in enumerate(calls) if c.startswith("rename")]
    synced = all(i > 0 and calls[i - 1].startswith("fsync(") for i in renames)
    check("fsync: every rename follows an fsync of the file", renames and synced, "\n".join(calls[:20]))
    check("fsync: the folder is synced after the last rename", renames and renames[-1] < len(calls) - 1 and
          calls[-1].startswith("fsync("), "\n".join(calls[-5:]))
subprocess.run(["rm", "-rf", tmp])
finish()
