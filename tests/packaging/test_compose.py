"""docker-compose.yml: the production-like stack's services, health checks and start order,
env vars that are real settings, validity against the Compose Specification's JSON schema
(always) and `docker compose config` (where a client exists)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from coordinator_node.competition import load_competition
from coordinator_node.dev import find_temporal_cli
from coordinator_node.settings import Settings
from tests.packaging.helpers import REPO_ROOT, cli_subcommands

COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
ENV_EXAMPLE = REPO_ROOT / "compose.env.example"
NODE_SERVICES = {"temporal-setup", "migrate", "models", "worker", "api"}
TEMPORAL_SERVICES = {"temporal-schema", "temporal", "temporal-namespace", "temporal-ui"}
ONE_SHOTS = {"temporal-setup", "migrate", "temporal-schema", "temporal-namespace"}
# The Compose Specification's schema (compose-spec/compose-spec, schema/compose-spec.json at
# 170098ba07d9, Apache-2.0: compose-spec.LICENSE beside it), kept in the repo so CI needs no
# network and no Docker.
COMPOSE_SCHEMA = Path(__file__).parent / "schemas" / "compose-spec.json"
SETTING_NAMES = {name.upper() for name in Settings.model_fields}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE_FILE.read_text())
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


def env_file_values(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, sep, value = line.partition("=")
            assert sep, f"not KEY=VALUE: {line!r}"
            values[key.strip()] = value.strip()
    return values


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {str(k): str(v) for k, v in env.items()}


def conditions(service: dict[str, Any]) -> dict[str, str]:
    depends = service.get("depends_on") or {}
    assert isinstance(depends, dict), "depends_on must name a condition for each dependency"
    return {name: spec["condition"] for name, spec in depends.items()}


def test_the_file_follows_the_compose_specification(compose: dict[str, Any]) -> None:
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(compose), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_the_schema_check_catches_a_broken_file(compose: dict[str, Any]) -> None:
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    broken = json.loads(json.dumps(compose))
    broken["services"]["worker"]["depends_on"]["migrate"]["condition"] = "service_ready"
    broken["services"]["api"]["restart_policy"] = "always"
    messages = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(broken)]
    assert any("service_ready" in m for m in messages), messages
    assert any("restart_policy" in m for m in messages), messages


def test_the_stack_has_every_part(services: dict[str, dict[str, Any]]) -> None:
    assert set(services) == {"postgresql", *TEMPORAL_SERVICES, *NODE_SERVICES, "prometheus"}
    assert services["postgresql"]["image"].startswith("postgres:16")
    images = {name: services[name]["image"].split(":")[0] for name in TEMPORAL_SERVICES}
    assert images == {"temporal-schema": "temporalio/admin-tools",
                      "temporal": "temporalio/server",
                      "temporal-namespace": "temporalio/admin-tools",
                      "temporal-ui": "temporalio/ui"}
    assert all("auto-setup" not in str(s.get("image", "")) for s in services.values())


def dev_server_versions() -> dict[str, str]:
    """The server and UI versions of the `temporal` CLI the tests run (`temporal --version`:
    "temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)")."""
    out = subprocess.run([find_temporal_cli(), "--version"], capture_output=True, text=True,
                         timeout=30).stdout
    match = re.search(r"Server ([0-9.]+), UI ([0-9.]+)", out)
    assert match, out
    return {"server": match.group(1), "ui": match.group(2)}


def image_default(image: str) -> tuple[str, str]:
    """`repo:${VAR:-default}` -> (VAR, default)."""
    match = re.fullmatch(r"[^:]+:\$\{(\w+):-([^}]+)\}", image)
    assert match, f"{image}: the tag must be an overridable ${{VAR:-default}}"
    return match.group(1), match.group(2)


def test_temporal_versions_are_pinned_together_to_the_tests_server(
        services: dict[str, dict[str, Any]]) -> None:
    versions = dev_server_versions()
    server_tags = {image_default(services[name]["image"])
                   for name in ("temporal-schema", "temporal", "temporal-namespace")}
    assert server_tags == {("TEMPORAL_VERSION", versions["server"])}
    assert image_default(services["temporal-ui"]["image"]) == (
        "TEMPORAL_UI_VERSION", versions["ui"])


def test_temporal_runs_on_the_stacks_postgres(services: dict[str, dict[str, Any]]) -> None:
    pg = environment(services["postgresql"])
    for name in ("temporal-schema", "temporal"):
        env = environment(services[name])
        assert env["DB"] == "postgres12"
        assert env["DB_PORT"] == "5432"
        assert env["POSTGRES_SEEDS"] == "postgresql"
        assert env["POSTGRES_USER"] == pg["POSTGRES_USER"]
        assert env["POSTGRES_PWD"] == pg["POSTGRES_PASSWORD"]
    assert environment(services["temporal"])["BIND_ON_IP"] == "0.0.0.0"
    assert environment(services["temporal-ui"])["TEMPORAL_ADDRESS"] == "temporal:7233"
    assert "127.0.0.1:8233:8080" in services["temporal-ui"]["ports"]


def test_temporal_setup_scripts(services: dict[str, dict[str, Any]]) -> None:
    """The admin-tools one-shots run scripts from deploy/temporal, mounted read-only."""
    for name, script in (("temporal-schema", "setup-postgres.sh"),
                         ("temporal-namespace", "create-namespace.sh")):
        service = services[name]
        assert "./deploy/temporal:/setup:ro" in service["volumes"]
        assert service["command"] == [f"/setup/{script}"]
        assert (REPO_ROOT / "deploy" / "temporal" / script).is_file()
    schema_script = (REPO_ROOT / "deploy" / "temporal" / "setup-postgres.sh").read_text()
    for database in ("temporal", "temporal_visibility"):
        assert f"{database})" in schema_script or f" {database}" in schema_script
    assert "setup-schema -v 0.0" in schema_script and "update-schema -d" in schema_script
    assert "/etc/temporal/schema/postgresql/v12/" in schema_script
    # The namespace one-shot reads the node's own namespace setting from compose.env.
    assert services["temporal-namespace"]["env_file"] == "compose.env"
    assert "TEMPORAL_NAMESPACE" in (REPO_ROOT / "deploy/temporal/create-namespace.sh").read_text()
    volume = services["temporal"]["volumes"][0]
    source, target = volume.split(":")[:2]
    assert (REPO_ROOT / source).is_file()
    assert environment(services["temporal"])["DYNAMIC_CONFIG_FILE_PATH"] in target
    for script in ("setup-postgres.sh", "create-namespace.sh"):
        result = subprocess.run(["sh", "-n", str(REPO_ROOT / "deploy/temporal" / script)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_health_checks(services: dict[str, dict[str, Any]]) -> None:
    def check(name: str) -> str:
        return " ".join(services[name]["healthcheck"]["test"])

    assert "pg_isready" in check("postgresql")
    assert check("temporal") == "CMD nc -z localhost 7233"
    assert "/healthz" in check("api")
    assert "MODEL_RUNNER_PORT" in check("models")
    assert any(str(v).endswith(":/var/lib/postgresql/data")
               for v in services["postgresql"]["volumes"])  # the data outlives the container


def test_start_order(services: dict[str, dict[str, Any]]) -> None:
    healthy, done = "service_healthy", "service_completed_successfully"
    assert conditions(services["temporal-schema"]) == {"postgresql": healthy}
    assert conditions(services["temporal"]) == {"temporal-schema": done}
    assert conditions(services["temporal-namespace"]) == {"temporal": healthy}
    assert conditions(services["temporal-ui"]) == {"temporal": healthy}
    assert conditions(services["temporal-setup"]) == {"temporal-namespace": done}
    assert conditions(services["migrate"]) == {"postgresql": healthy}
    assert conditions(services["worker"]) == {
        "migrate": done, "temporal-setup": done, "models": healthy}
    assert conditions(services["api"]) == {"migrate": done, "temporal-namespace": done}
    for name, service in services.items():
        for dependency, condition in conditions(service).items():
            assert dependency in services, f"{name} depends on unknown {dependency}"
            if condition == healthy:
                assert "healthcheck" in services[dependency], f"{dependency} has no healthcheck"
            if condition == done:
                assert services[dependency]["restart"] == "no", f"{dependency} must be one-shot"


def test_node_services_run_real_commands(services: dict[str, dict[str, Any]]) -> None:
    subcommands = set(cli_subcommands())
    for name in NODE_SERVICES:
        service = services[name]
        assert service["build"] == "."
        assert service["env_file"] == "compose.env"
        if name == "models":
            assert service["entrypoint"] == ["python", "-m", "coordinator_node.runners.local"]
            continue
        assert service["command"][0] in subcommands, name
    commands = {name: services[name]["command"][0] for name in NODE_SERVICES - {"models"}}
    assert commands == {"temporal-setup": "search-attributes", "migrate": "migrate",
                        "worker": "worker", "api": "api"}
    assert all(services[name]["restart"] == "no" for name in ONE_SHOTS)
    assert "8000:8000" in services["api"]["ports"]


def test_every_env_var_the_node_gets_is_a_setting(services: dict[str, dict[str, Any]]) -> None:
    for name in NODE_SERVICES:
        unknown = set(environment(services[name])) - SETTING_NAMES
        assert not unknown, f"{name} sets {unknown}, which are not settings"
    unknown = set(env_file_values(ENV_EXAMPLE)) - SETTING_NAMES
    assert not unknown, f"compose.env.example sets {unknown}, which are not settings"


def test_compose_env_example_is_a_valid_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)
    values = env_file_values(ENV_EXAMPLE)
    for key in ("API_KEY", "CRUNCH_ID", "DATABASE_URL", "TEMPORAL_ADDRESS", "FEED_SOURCE"):
        assert key in values, key
    settings = Settings(_env_file=str(ENV_EXAMPLE))
    assert settings.database_url.startswith("postgresql://")
    assert "@postgresql:5432/" in settings.database_url
    assert settings.temporal_address == "temporal:7233"
    assert settings.model_runner_host == "models"
    assert settings.api_key is not None
    # The example models' code directories, as the image has the template at /competition.
    assert [m.replace("/competition/", "template/", 1) for m in settings.local_models] == [
        f"template/models/{name}" for name in ("momentum", "mean_reversion", "contrarian")]
    assert all((REPO_ROOT / m.replace("/competition/", "template/", 1)).is_dir()
               for m in settings.local_models)
    # Its contract and feed agree: the start-up checks pass.
    competition = load_competition(settings)
    assert {c.subject for c in competition.active_configs} <= set(settings.feed_subjects)


def test_dockerfile() -> None:
    text = (REPO_ROOT / "Dockerfile").read_text()
    assert text.startswith("#") and "FROM python:3.11-slim" in text
    assert "pip install ." in text
    user = [line.split()[1] for line in text.splitlines() if line.startswith("USER ")]
    assert user and user[-1] not in {"root", "0"}
    assert 'ENTRYPOINT ["coordinator-node"]' in text
    # The model runtime in a virtualenv of its own, from the repo's pinned requirements.
    assert "/opt/model-runtime/bin/pip install -r requirements-models.txt" in text
    assert "ENV LOCAL_MODEL_RUNNER=/opt/model-runtime/bin/model-runner" in text
    ignored = (REPO_ROOT / ".dockerignore").read_text().split()
    assert {".venv", ".venv-models", ".git", ".data", "compose.env", ".env"} <= set(ignored)


def compose_command() -> list[str] | None:
    def works(argv: list[str]) -> str | None:
        try:
            result = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return result.stdout.strip() if result.returncode == 0 else None

    if shutil.which("docker") and works(["docker", "compose", "version", "--short"]):
        return ["docker", "compose"]
    standalone = shutil.which("docker-compose")
    version = works([standalone, "version", "--short"]) if standalone else None
    if standalone and version and version.lstrip("v").startswith("2"):
        return [standalone]  # v1 (Python) does not know the Compose Specification
    return None


def test_docker_compose_accepts_the_file(tmp_path: Path) -> None:
    command = compose_command()
    if command is None:
        pytest.skip("no Docker Compose v2 client here (`docker compose` / `docker-compose`)")
    # A copy with compose.env made from the example, as an operator's checkout would have.
    for name in ("docker-compose.yml", "Dockerfile", ".dockerignore"):
        shutil.copy(REPO_ROOT / name, tmp_path / name)
    shutil.copytree(REPO_ROOT / "deploy", tmp_path / "deploy")
    shutil.copy(ENV_EXAMPLE, tmp_path / "compose.env")
    (tmp_path / "template").mkdir()
    result = subprocess.run([*command, "config", "-q"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    services = subprocess.run([*command, "config", "--services"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60)
    assert set(services.stdout.split()) == {"postgresql", *TEMPORAL_SERVICES, *NODE_SERVICES}
    # (prometheus is in the `metrics` profile, listed only with --profile metrics)


def test_prometheus_scrapes_the_worker_and_the_api_with_the_alert_rules(
        services: dict[str, dict[str, Any]]) -> None:
    prometheus = services["prometheus"]
    assert prometheus["profiles"] == ["metrics"]
    mounts = dict(volume.rsplit(":", 1)[0].split(":", 1) for volume in prometheus["volumes"])
    for source in mounts:
        assert (REPO_ROOT / source).is_file(), source
    config = yaml.safe_load((REPO_ROOT / "deploy/prometheus/prometheus.yml").read_text())
    assert config["rule_files"] == [mounts["./deploy/prometheus/alerts.yml"]]
    targets = {job["job_name"]: job["static_configs"][0]["targets"]
               for job in config["scrape_configs"]}
    worker_env = environment(services["worker"])
    assert worker_env["WORKER_METRICS_HOST"] == "0.0.0.0"
    assert targets["coordinator-worker"] == [f"worker:{worker_env['WORKER_METRICS_PORT']}"]
    assert targets["coordinator-api"] == ["api:8000"]
