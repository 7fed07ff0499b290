"""A pool of warm kernels that run report templates one after another without a restart.

Each worker thread of a batch owns one kernel: started once, with the report modules imported
(`kernel_state.warm_up`), and reset before every report (`kernel_state.reset`), so no variable of
one report is visible to the next. The template runs through papermill's own steps (parameter
injection, cell metadata, the executed notebook written at the end) with an engine that reuses the
worker's kernel instead of starting one, so the executed notebook has the shape of a
`papermill` run's.

A report that runs longer than its timeout is interrupted (SIGINT); a kernel that ignores the
interrupt, or dies, is killed and replaced before the worker's next report.
"""

from __future__ import annotations

import copy
import logging
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger as papermill_logger

from omt.errors import OmtError

log = logging.getLogger(__name__)

ENGINE_NAME = "omt-kernel-pool"
STARTUP_TIMEOUT_SECONDS = 60
# How long a kernel has to stop a report after the interrupt before it is killed.
INTERRUPT_GRACE_SECONDS = 5.0
WARM_UP_CODE = "import omt.tools.reports.kernel_state as _omt_kernel_state\n_omt_kernel_state.warm_up()"
RESET_CODE = "__import__('omt.tools.reports.kernel_state', fromlist=['reset']).reset(get_ipython())"


class KernelError(OmtError):
    """A pooled kernel failed to start, warm up or reset."""


class ReportTimeout(OmtError):
    """A report ran longer than its timeout and was stopped."""


class PooledKernelEngine(NBClientEngine):
    """papermill's nbclient engine, run on a kernel the caller passes as `kernel` (a WarmKernel)."""

    @classmethod
    def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, log_output: bool = False,
                                 stdout_file: Any = None, stderr_file: Any = None, start_timeout: int = 60,
                                 execution_timeout: int | None = None, kernel: WarmKernel | None = None,
                                 **kwargs: Any) -> Any:
        if kernel is None:
            raise TypeError(f"the {ENGINE_NAME} engine needs the kernel to run on, as `kernel=`")
        client = PapermillNotebookClient(nb_man, km=kernel.manager, timeout=execution_timeout,
                                         startup_timeout=start_timeout, kernel_name=kernel_name,
                                         log=papermill_logger, log_output=log_output, stdout_file=stdout_file,
                                         stderr_file=stderr_file)
        # The client is set before `execute`, so nbclient neither opens a new one nor closes it.
        client.kc = kernel.client
        return client.execute()


papermill_engines.register(ENGINE_NAME, PooledKernelEngine)


class WarmKernel:
    """One kernel with the report modules imported; used from the thread that started it."""

    def __init__(self, kernel_name: str):
        self.kernel_name = kernel_name
        # IPC sockets in a private folder: no TCP port, and no warning about unencrypted TCP.
        self._socket_dir = tempfile.TemporaryDirectory(prefix="omt-kernel-")
        self.manager = AsyncKernelManager(kernel_name=kernel_name, transport="ipc",
                                          ip=str(Path(self._socket_dir.name) / "kernel"))
        self.client: Any = None
        self.reports_run = 0

    def start(self) -> WarmKernel:
        started = time.monotonic()
        # No input history: nothing reads it, and writing it to SQLite costs time on every cell.
        run_sync(self.manager.start_kernel)(extra_arguments=["--HistoryManager.enabled=False"])
        self.client = self.manager.client()
        self.client.start_channels()
        run_sync(self.client.wait_for_ready)(timeout=STARTUP_TIMEOUT_SECONDS)
        self.run_silently(WARM_UP_CODE, "warm-up")
        log.info("started a warm %s kernel in %.1f s", self.kernel_name, time.monotonic() - started)
        return self

    def run_silently(self, code: str, step: str, timeout: float = STARTUP_TIMEOUT_SECONDS) -> None:
        """Run `code` without output or history; raise KernelError when it fails."""
        async def execute() -> dict[str, Any]:
            message_id = self.client.execute(code, silent=True, store_history=False)
            while True:
                reply = await self.client.get_shell_msg(timeout=timeout)
                if reply["parent_header"].get("msg_id") == message_id:
                    return reply["content"]

        try:
            content = run_sync(execute)()
        except Exception as error:  # queue.Empty on timeout, or zmq errors from a dead kernel
            raise KernelError(f"the kernel's {step} did not answer: {error or error.__class__.__name__}") from None
        if content["status"] != "ok":
            raise KernelError(f"the kernel's {step} failed: {content.get('ename')}: {content.get('evalue')}")

    def reset(self) -> None:
        self.run_silently(RESET_CODE, "reset")

    def interrupt(self) -> None:
        """Interrupt the running cell; callable from any thread."""
        run_sync(self.manager.interrupt_kernel)()

    def kill(self) -> None:
        """Kill the kernel's process; callable from any thread."""
        run_sync(self.manager.shutdown_kernel)(now=True)

    def is_alive(self) -> bool:
        return bool(run_sync(self.manager.is_alive)())

    def shutdown(self) -> None:
        """Stop the kernel's process at once and remove its connection files.

        A pooled kernel keeps no data that needs a clean exit, because this process writes the reports.
        Asked to exit, a kernel that had run reports took 0.5 to 2.6 s (and jupyter_client sends
        SIGTERM after 2.5 s), which was most of a small batch's time after its last report.
        """
        try:
            if self.client is not None:
                self.client.stop_channels()
            if run_sync(self.manager.is_alive)():
                run_sync(self.manager.shutdown_kernel)(now=True)
        finally:
            self._socket_dir.cleanup()


class Watchdog:
    """Interrupts a kernel when a report passes its timeout, and kills it when that is not enough."""

    def __init__(self, kernel: WarmKernel, timeout_seconds: float):
        self.kernel = kernel
        self.timeout_seconds = timeout_seconds
        self.fired = False
        self._timers = [threading.Timer(timeout_seconds, self._interrupt),
                        threading.Timer(timeout_seconds + INTERRUPT_GRACE_SECONDS, self._kill)]

    def __enter__(self) -> Watchdog:
        for timer in self._timers:
            timer.daemon = True
            timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        for timer in self._timers:
            timer.cancel()

    def _interrupt(self) -> None:
        self.fired = True
        log.info("a report passed its timeout of %.0f s; interrupting its kernel", self.timeout_seconds)
        self.kernel.interrupt()

    def _kill(self) -> None:
        log.warning("the kernel ignored the interrupt for %.0f s; killing it", INTERRUPT_GRACE_SECONDS)
        self.kernel.kill()


class KernelPoolRunner:
    """Runs report templates on warm kernels, one kernel per calling thread; call `close` at the end.

    `report_timeout_seconds` bounds the whole report, all cells together.
    """

    def __init__(self, kernel_name: str = "python3", report_timeout_seconds: float = 300.0):
        self.kernel_name = kernel_name
        self.report_timeout_seconds = report_timeout_seconds
        self._local = threading.local()
        self._kernels: list[WarmKernel] = []
        self._lock = threading.Lock()

    def _kernel(self) -> WarmKernel:
        kernel: WarmKernel | None = getattr(self._local, "kernel", None)
        if kernel is not None and kernel.is_alive():
            return kernel
        if kernel is not None:
            log.warning("replacing a dead kernel after %d reports", kernel.reports_run)
            self._forget(kernel)
        kernel = WarmKernel(self.kernel_name)
        with self._lock:
            self._kernels.append(kernel)
        try:
            kernel.start()
        except BaseException:
            self._forget(kernel)
            raise
        self._local.kernel = kernel
        return kernel

    def _forget(self, kernel: WarmKernel) -> None:
        with self._lock:
            if kernel in self._kernels:
                self._kernels.remove(kernel)
        self._local.kernel = None
        try:
            kernel.shutdown()
        except Exception as error:  # a half-dead kernel may fail in many ways; it is gone either way
            log.debug("shutting down a replaced kernel failed: %s", error)

    def execute(self, template: nbformat.NotebookNode, output_path: Path,
                parameters: dict[str, Any]) -> nbformat.NotebookNode:
        """Run `template` with `parameters` on this thread's warm kernel, as papermill would.

        Raises ReportTimeout when the report passes its timeout, and papermill's
        PapermillExecutionError when a cell fails.
        """
        import papermill

        kernel = self._kernel()
        kernel.reset()
        kernel.reports_run += 1
        with Watchdog(kernel, self.report_timeout_seconds) as watchdog:
            try:
                return papermill.execute_notebook(
                    copy.deepcopy(template), str(output_path), parameters=parameters, engine_name=ENGINE_NAME,
                    kernel_name=self.kernel_name, kernel=kernel, progress_bar=False,
                    # The notebook is written once at the end, and also when a cell fails, instead
                    # of after every cell: that was about a sixth of a report's time.
                    request_save_on_cell_execute=False,
                    # nbclient's own per-cell limit only backs up the watchdog.
                    execution_timeout=int(self.report_timeout_seconds + 2 * INTERRUPT_GRACE_SECONDS),
                )
            except Exception:
                if watchdog.fired:
                    raise ReportTimeout(f"timed out after {self.report_timeout_seconds:g} s") from None
                raise

    def close(self) -> None:
        """Shut every kernel down, in parallel."""
        with self._lock:
            kernels, self._kernels = self._kernels, []
        threads = [threading.Thread(target=kernel.shutdown) for kernel in kernels]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def __enter__(self) -> KernelPoolRunner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
