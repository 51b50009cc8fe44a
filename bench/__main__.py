"""`make bench`: figures measured side by side in one run, printed as ratios.

Each module of this package that defines `run(report)` is one benchmark. It measures a
page, a query or a function together with a baseline served or run the same way, and
calls `report(name, value, unit, note="")` for each figure. Run one with
`python -m bench NAME`.
"""

import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def report(name, value, unit, note=""):
    figure = f"{value:,.2f}".replace(",", " ") if isinstance(value, float) else f"{value:,}".replace(",", " ")
    print(f"  {name:<62} {figure:>12} {unit:<8} {note}", flush=True)


def main(argv):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    names = argv or sorted(
        module.name for module in pkgutil.iter_modules([str(Path(__file__).parent)]) if module.name != "support"
    )
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        if not hasattr(module, "run"):
            continue
        print(f"== {name}: {(module.__doc__ or '').strip().splitlines()[0]}", flush=True)
        started = time.perf_counter()
        module.run(report)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
