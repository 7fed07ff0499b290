"""Run inside a pooled report kernel: the warm-up once, and the reset before each report.

`warm_up` imports what reports use and records the process state that a report may change.
`reset` gives the next report a fresh namespace (IPython's `reset`, which also clears the output
history and numbers cells from 1 again) and puts the recorded state back: working folder,
environment variables, `sys.path`, warning filters and matplotlib's settings, and closes pyplot's
figures. Modules stay imported, which is the point of the pool.

NOTE: state kept inside imported modules (a changed module attribute, a cache) is not reset; a
template that changes such state must not run in the pool (`omt reports build --fresh-kernels`).
"""

from __future__ import annotations

import copy
import gc
import importlib
import os
import sys
import warnings
from typing import Any

# The modules the shipped template imports; importing them takes most of a fresh kernel's time.
WARM_UP_MODULES = ("IPython.display", "matplotlib", "matplotlib.figure", "omt.tools.reports.render")

_recorded: dict[str, Any] = {}


def warm_up(modules: tuple[str, ...] = WARM_UP_MODULES) -> None:
    """Import `modules` and record the state that `reset` restores."""
    for name in modules:
        importlib.import_module(name)
    import matplotlib

    _recorded.update(
        cwd=os.getcwd(),
        environ=dict(os.environ),
        path=list(sys.path),
        warning_filters=list(warnings.filters),
        rc_params=copy.deepcopy(dict(matplotlib.rcParams)),
    )
    # Move every object alive now (the imported modules) out of the garbage collector's reach.
    # IPython's reset runs a full collection, which then scans only what reports made: about
    # 4 ms instead of 30 ms with matplotlib loaded.
    gc.collect()
    gc.freeze()


def reset(shell: Any) -> None:
    """Clear the user namespace of `shell` and restore the state recorded by `warm_up`."""
    if not _recorded:
        raise RuntimeError("kernel_state.reset called before warm_up")
    shell.reset(new_session=True)
    os.chdir(_recorded["cwd"])
    os.environ.clear()
    os.environ.update(_recorded["environ"])
    sys.path[:] = _recorded["path"]
    warnings.filters[:] = _recorded["warning_filters"]
    # Bumping the filters' version makes Python forget which warnings were already shown, so a
    # "once" warning shows in every report, as in a fresh kernel (a private CPython function).
    getattr(warnings, "_filters_mutated", lambda: None)()
    import matplotlib

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated rc keys warn when set, even to their own value
        matplotlib.rcParams.update(_recorded["rc_params"])
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
