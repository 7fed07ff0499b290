"""The forms server's command and the environment its Voilà runs in."""

from __future__ import annotations

import json

import os
from pathlib import Path

import pytest

from omt.errors import ConfigError
from omt.tools.server import (
    TEMPLATE_DATA_FOLDER,
    forms_server_command,
    normal_base_url,
    prepare_voila_environment,
)


def option(command: list[str], name: str) -> str:
    values = [argument.split("=", 1)[1] for argument in command if argument.startswith(f"--{name}=")]
    assert len(values) == 1, f"--{name} appears {len(values)} times in {command}"
    return values[0]


FORMS = Path(__file__).resolve().parents[2] / "voila_apps"


def test_command_serves_only_forms_folder() -> None:
    command = forms_server_command("127.0.0.1", 8890)
    assert command[1:3] == ["-m", "omt.tools.server"]
    assert Path(command[3]).name == "voila_apps"
    assert option(command, "Voila.ip") == "127.0.0.1"
    assert option(command, "port") == "8890"
    assert option(command, "show_tracebacks") == "False"


def test_command_tuning_defaults() -> None:
    command = forms_server_command()
    assert option(command, "template") == "omt"
    assert option(command, "preheat_kernel") == "True"
    assert option(command, "pool_size") == "1"
    assert option(command, "VoilaKernelManager.fill_delay") == "3"
    assert option(command, "VoilaConfiguration.extension_denylist") == "jupyterlab_pygments"
    assert option(command, "Voila.tornado_settings") == 'static_immutable_cache=["/voila/labextensions/"]'
    assert option(command, "MappingKernelManager.cull_idle_timeout") == "300"
    assert option(command, "MappingKernelManager.cull_interval") == "60"
    assert option(command, "MappingKernelManager.cull_connected") == "False"


def test_command_preheats_frequent_pages_only() -> None:
    pools = json.loads(option(forms_server_command(pool_size=2), "VoilaKernelManager.kernel_pools_config"))
    assert pools["default"] == {"pool_size": 0}
    assert pools["meeting_log.ipynb"] == {"pool_size": 2}
    assert pools["board.ipynb"] == {"pool_size": 2}
    assert (FORMS / "meeting_log.ipynb").exists()
    assert (FORMS / "board.ipynb").exists()


def test_command_without_pool() -> None:
    command = forms_server_command(pool_size=0)
    assert option(command, "preheat_kernel") == "False"


def test_command_behind_proxy_prefix() -> None:
    command = forms_server_command(base_url="forms")
    assert option(command, "Voila.base_url") == "/forms/"
    assert option(command, "Voila.tornado_settings") == 'static_immutable_cache=["/forms/voila/labextensions/"]'


@pytest.mark.parametrize(("given", "expected"), [
    ("/", "/"), ("", "/"), ("forms", "/forms/"), ("/forms", "/forms/"), ("//omt//forms/", "/omt/forms/"),
])
def test_base_url_normalised(given: str, expected: str) -> None:
    assert normal_base_url(given) == expected


@pytest.mark.parametrize("settings", [{"pool_size": -1}, {"cull_idle_seconds": 0}, {"cull_interval_seconds": 0}])
def test_command_rejects_invalid_settings(settings: dict[str, int]) -> None:
    with pytest.raises(ConfigError):
        forms_server_command(**settings)


def test_environment_adds_template_folder() -> None:
    environment = {"JUPYTER_PATH": f"/opt/jupyter{os.pathsep}{TEMPLATE_DATA_FOLDER}"}
    prepare_voila_environment(["--Voila.ip=127.0.0.1"], environment)
    assert environment["JUPYTER_PATH"].split(os.pathsep) == [str(TEMPLATE_DATA_FOLDER), "/opt/jupyter"]
    assert (TEMPLATE_DATA_FOLDER / "voila" / "templates" / "omt" / "index.html.j2").is_file()


@pytest.mark.parametrize(("ip", "expected"), [
    ("127.0.0.1", "127.0.0.1"), ("192.168.1.20", "192.168.1.20"), ("fd00::5", "[fd00::5]"),
    ("0.0.0.0", None),
])
def test_environment_points_kernels_at_server(ip: str, expected: str | None) -> None:
    environment: dict[str, str] = {}
    prepare_voila_environment([f"--Voila.ip={ip}", "--port=8890"], environment)
    assert environment.get("VOILA_APP_IP") == expected


def test_course_command_allows_root_only_as_root() -> None:
    from omt.tools.server import course_server_command

    command = course_server_command("127.0.0.1", 8888, "token")
    assert ("--allow-root" in command) == (os.geteuid() == 0)
