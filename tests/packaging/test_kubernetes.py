"""deploy/kubernetes: the kustomize base and the example overlay, built here the way kustomize
builds them (resources, namespace, images, replicas, strategic-merge patches) and every
resulting object validated against the Kubernetes schema with kubernetes-validate; then what
the objects say is checked against the node: settings that exist, commands the CLI has,
probes on real routes, selectors that select."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from coordinator_node.api.app import create_app
from coordinator_node.settings import Settings
from tests.conftest import make_settings
from tests.packaging.helpers import REPO_ROOT, cli_subcommands

KUBERNETES = REPO_ROOT / "deploy" / "kubernetes"
BASE, OVERLAY = KUBERNETES / "base", KUBERNETES / "overlays" / "example"
# The oldest Kubernetes still in upstream support when this was written, and the newest
# schema kubernetes-validate ships.
VERSIONS = ["1.32.0", kubernetes_validate.latest_version()]
SETTING_NAMES = {name.upper() for name in Settings.model_fields}
Obj = dict[str, Any]


# --- a minimal kustomize ----------------------------------------------------------------
def key(obj: Obj) -> tuple[str, str]:
    return obj["kind"], obj["metadata"]["name"]


def merge(target: Any, patch: Any) -> Any:
    """Strategic merge as kustomize applies it to these manifests: maps merge, lists of
    named items (containers, ports) merge by name, other lists are replaced."""
    if isinstance(target, dict) and isinstance(patch, dict):
        merged = dict(target)
        for name, value in patch.items():
            merged[name] = merge(target[name], value) if name in target else value
        return merged
    if (isinstance(target, list) and isinstance(patch, list)
            and all(isinstance(item, dict) and "name" in item for item in target + patch)):
        by_name = {item["name"]: item for item in target}
        for item in patch:
            by_name[item["name"]] = merge(by_name.get(item["name"], {}), item)
        return list(by_name.values())
    return patch


def build(directory: Path) -> list[Obj]:
    spec = yaml.safe_load((directory / "kustomization.yaml").read_text())
    assert spec["kind"] == "Kustomization"
    objects: list[Obj] = []
    for resource in spec.get("resources", []):
        path = directory / resource
        if path.is_dir():
            objects += build(path)
        else:
            objects += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    for entry in spec.get("patches", []):
        patch = yaml.safe_load(entry["patch"] if "patch" in entry
                               else (directory / entry["path"]).read_text())
        matches = [i for i, obj in enumerate(objects) if key(obj) == key(patch)]
        assert len(matches) == 1, f"{directory.name}: patch {key(patch)} matches {matches}"
        if patch.pop("$patch", None) == "delete":
            del objects[matches[0]]
        else:
            objects[matches[0]] = merge(objects[matches[0]], patch)
    for image in spec.get("images", []):
        for container in containers_of(objects):
            if container["image"].split(":")[0] == image["name"]:
                container["image"] = f"{image.get('newName', image['name'])}:{image['newTag']}"
    for replicas in spec.get("replicas", []):
        found = [obj for obj in objects if obj["metadata"]["name"] == replicas["name"]
                 and "replicas" in obj["spec"]]
        assert found, replicas
        found[0]["spec"]["replicas"] = replicas["count"]
    if "namespace" in spec:
        for obj in objects:
            if obj["kind"] != "Namespace":
                obj["metadata"]["namespace"] = spec["namespace"]
    for labels in spec.get("labels", []):
        for obj in objects:
            obj["metadata"].setdefault("labels", {}).update(labels["pairs"])
    return objects


def pod_spec(obj: Obj) -> Obj | None:
    if obj["kind"] in {"Deployment", "Job"}:
        spec: Obj = obj["spec"]["template"]["spec"]
        return spec
    return None


def containers_of(objects: list[Obj]) -> list[Obj]:
    return [c for obj in objects if (spec := pod_spec(obj)) for c in spec["containers"]]


@pytest.fixture(scope="module")
def base() -> list[Obj]:
    return build(BASE)


@pytest.fixture(scope="module")
def overlay() -> list[Obj]:
    return build(OVERLAY)


def by_key(objects: list[Obj]) -> dict[tuple[str, str], Obj]:
    return {key(obj): obj for obj in objects}


# --- schema -----------------------------------------------------------------------------
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("which", ["base", "overlay"])
def test_every_object_is_valid_kubernetes(which: str, version: str,
                                          request: pytest.FixtureRequest) -> None:
    objects: list[Obj] = request.getfixturevalue(which)
    assert objects
    for obj in objects:
        # A ValidationError names the object and the field.
        kubernetes_validate.validate(copy.deepcopy(obj), version, strict=True)


def test_the_validation_catches_a_broken_object(base: list[Obj]) -> None:
    broken = copy.deepcopy(by_key(base)[("Deployment", "coordinator-node-worker")])
    broken["spec"]["template"]["spec"]["containers"][0]["argz"] = ["worker"]
    with pytest.raises(kubernetes_validate.ValidationError, match="argz"):
        kubernetes_validate.validate(broken, VERSIONS[-1], strict=True)
    broken = copy.deepcopy(by_key(base)[("Deployment", "coordinator-node-worker")])
    broken["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError, match="two"):
        kubernetes_validate.validate(broken, VERSIONS[-1], strict=True)


def test_the_base_has_every_part(base: list[Obj]) -> None:
    assert set(by_key(base)) == {
        ("ConfigMap", "coordinator-node-settings"),
        ("ServiceAccount", "coordinator-node"),
        ("Job", "coordinator-node-migrate"),
        ("Job", "coordinator-node-search-attributes"),
        ("Deployment", "coordinator-node-worker"),
        ("PodDisruptionBudget", "coordinator-node-worker"),
        ("Deployment", "coordinator-node-api"),
        ("Service", "coordinator-node-api"),
    }


# --- what the objects say ---------------------------------------------------------------
def test_every_setting_named_is_a_real_setting(overlay: list[Obj]) -> None:
    objects = by_key(overlay)
    settings = objects[("ConfigMap", "coordinator-node-settings")]["data"]
    secrets = objects[("Secret", "coordinator-node-secrets")]["stringData"]
    assert not set(settings) - SETTING_NAMES, set(settings) - SETTING_NAMES
    assert not set(secrets) - SETTING_NAMES, set(secrets) - SETTING_NAMES
    # Secrets stay out of the ConfigMap.
    assert not {"DATABASE_URL", "API_KEY", "TEMPORAL_API_KEY", "TEMPORAL_TLS_KEY"} & set(settings)


def test_the_overlays_settings_are_a_valid_configuration(overlay: list[Obj]) -> None:
    objects = by_key(overlay)
    values = {**objects[("ConfigMap", "coordinator-node-settings")]["data"],
              **objects[("Secret", "coordinator-node-secrets")]["stringData"]}
    settings = make_settings(**{k.lower(): v for k, v in values.items()})  # type: ignore[arg-type]
    assert settings.temporal_uses_tls and settings.temporal_tls_cert is not None
    assert settings.crunch_id == "example-crunch"
    assert settings.database_url.startswith("postgresql://")


def test_every_container_runs_a_real_command_with_the_settings(overlay: list[Obj]) -> None:
    subcommands = set(cli_subcommands())
    names = {name for kind, name in by_key(overlay)}
    for obj in overlay:
        spec = pod_spec(obj)
        if spec is None:
            continue
        assert spec["serviceAccountName"] == "coordinator-node"
        assert spec["securityContext"]["runAsNonRoot"] is True
        for container in spec["containers"]:
            assert container["args"][0] in subcommands, container["args"]
            assert container["image"] == "registry.example.com/crunch/coordinator-node:0.3.0"
            refs = {ref.get("configMapRef", ref.get("secretRef"))["name"]
                    for ref in container["envFrom"]}
            assert refs == {"coordinator-node-settings", "coordinator-node-secrets"} <= names
            assert container["resources"]["requests"], container["name"]
    commands = {obj["metadata"]["name"]: pod_spec(obj)["containers"][0]["args"]  # type: ignore[index]
                for obj in overlay if pod_spec(obj)}
    assert commands == {"coordinator-node-migrate": ["migrate"],
                        "coordinator-node-worker": ["worker"],
                        "coordinator-node-api": ["api"]}


def test_the_base_runs_the_search_attributes_job_and_the_cloud_overlay_does_not(
        base: list[Obj], overlay: list[Obj]) -> None:
    job = by_key(base)[("Job", "coordinator-node-search-attributes")]
    assert pod_spec(job)["containers"][0]["args"] == ["search-attributes"]  # type: ignore[index]
    assert ("Job", "coordinator-node-search-attributes") not in by_key(overlay)


def test_the_overlay_scales_and_resizes_workers(overlay: list[Obj]) -> None:
    worker = by_key(overlay)[("Deployment", "coordinator-node-worker")]
    assert worker["spec"]["replicas"] == 3
    container = worker["spec"]["template"]["spec"]["containers"][0]
    assert container["resources"]["requests"] == {"cpu": "1", "memory": "1Gi"}
    assert container["args"] == ["worker"]  # the patch merged, not replaced
    assert all(obj["metadata"].get("namespace") == "crunch-example"
               for obj in overlay if obj["kind"] != "Namespace")


def test_probes_hit_real_routes_and_selectors_select(base: list[Obj], sqlite_url: str) -> None:
    objects = by_key(base)
    api = objects[("Deployment", "coordinator-node-api")]
    container = api["spec"]["template"]["spec"]["containers"][0]
    routes = set(create_app(make_settings(sqlite_url)).openapi()["paths"])
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz" in routes
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz" in routes
    port_names = {port["name"] for port in container["ports"]}
    service = objects[("Service", "coordinator-node-api")]
    assert {port["targetPort"] for port in service["spec"]["ports"]} <= port_names
    pod_labels = api["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= pod_labels.items()
    assert api["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    worker = objects[("Deployment", "coordinator-node-worker")]
    worker_labels = worker["spec"]["template"]["metadata"]["labels"]
    budget = objects[("PodDisruptionBudget", "coordinator-node-worker")]
    assert budget["spec"]["selector"]["matchLabels"].items() <= worker_labels.items()
    assert not budget["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    assert worker["spec"]["replicas"] >= 2


def test_prometheus_annotations_name_the_metrics_ports(base: list[Obj]) -> None:
    objects = by_key(base)
    settings = objects[("ConfigMap", "coordinator-node-settings")]["data"]
    ports = {"coordinator-node-worker": settings["WORKER_METRICS_PORT"],
             "coordinator-node-api": settings["API_PORT"]}
    assert settings["WORKER_METRICS_HOST"] == "0.0.0.0"
    for name, port in ports.items():
        template = objects[("Deployment", name)]["spec"]["template"]
        annotations = template["metadata"]["annotations"]
        assert annotations == {"prometheus.io/scrape": "true", "prometheus.io/port": port,
                               "prometheus.io/path": "/metrics"}
        container_ports = {str(p["containerPort"]) for c in template["spec"]["containers"]
                           for p in c.get("ports", [])}
        assert port in container_ports, name
