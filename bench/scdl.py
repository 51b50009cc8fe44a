"""The SCDL « subventions » export of 10,000 grants, streamed: its time and its peak memory, beside 1,000 grants.

The grants are those of the dashboard's bench (`bench.grants`: 10 waves × 1,000 funded projects, two beneficiaries
each, countersigned), in its own database. The file is produced in a separate process, by the export's rows and
CSV writer chunk by chunk as the streamed response does (the view itself is then fetched once, to check it
streams); tracemalloc gives the peak of Python memory, in a second pass since tracing slows the export.

Streamed over `.iterator()` by chunks of 500 projects, memory holds one chunk at a time: the peak is reached within
the first chunks and stays flat to the end of the file (measured: the same peak after 4,000 and after 20,000 rows),
so 10,000 grants cost about what 2,000 do, whatever the file's size.
"""

import json
import subprocess
import sys

from bench.grants import DATABASE, PROJECTS_PER_WAVE, WAVES
from bench.support import ROOT, bench_database, environment, manage

MEASURE = """
import json, sys, time, tracemalloc
import django
django.setup()
from django.test import Client
from django.test.utils import override_settings
from deffinov.opendata import csvstream, scdl

waves = int(sys.argv[1])
slugs = [f"bench-grants-{n}" for n in range(1, waves + 1)]
projects = scdl.published_projects().filter(application__wave__slug__in=slugs)


def export():
    size = lines = 0
    for chunk in csvstream.csv_lines(scdl.COLUMNS, scdl.rows(projects)):
        size += len(chunk.encode())
        lines += 1
    return size, lines


started = time.perf_counter()
size, lines = export()
seconds = time.perf_counter() - started
tracemalloc.start()  # a second pass, for the peak: tracing slows the export down
export()
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
with override_settings(ALLOWED_HOSTS=["testserver"]):
    response = Client().get("/api/v1/open-data/scdl-subventions.csv")
    assert response.streaming and response.status_code == 200
print(json.dumps({"seconds": seconds, "peak": peak, "size": size, "rows": lines - 1}))
"""


def measure(url, waves):
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(waves)], cwd=ROOT, env=environment(url), capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"The SCDL export failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(report):
    url, label = bench_database(DATABASE)
    manage("migrate", "--noinput", database_url=url)
    subprocess.run([sys.executable, "-m", "bench.grants", "seed"], cwd=ROOT, env=environment(url), check=True)
    small = measure(url, 1)
    large = measure(url, WAVES)
    for grants, figures in ((PROJECTS_PER_WAVE, small), (WAVES * PROJECTS_PER_WAVE, large)):
        report(
            f"{label}: SCDL export of {grants} grants, rows", figures["rows"], "rows", f"{figures['size'] / 1e6:.1f} Mo"
        )
        report(f"{label}: SCDL export of {grants} grants, time", figures["seconds"] * 1000, "ms")
        report(
            f"{label}: SCDL export of {grants} grants, peak memory",
            figures["peak"] / 1e6,
            "Mo",
            f"{figures['peak'] / small['peak']:.1f} × the peak for 1,000 grants",
        )
