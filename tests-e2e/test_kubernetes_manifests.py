"""deploy/kubernetes/ validates offline against the Kubernetes schemas (kubernetes-validate ships
them), and says what the issue asks of it: probes, a locked-down security context, one replica."""

import copy
import pathlib

import kubernetes_validate
import pytest
import yaml

MANIFESTS = pathlib.Path(__file__).resolve().parent.parent / "deploy" / "kubernetes"
KUBERNETES_VERSION = "1.37.0"
# Kustomize's own file is not a Kubernetes resource: no schema, checked separately below.
RESOURCE_FILES = sorted(p for p in MANIFESTS.glob("*.yaml") if p.name != "kustomization.yaml")


def documents(path):
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def by_kind(kind):
    found = [d for p in RESOURCE_FILES for d in documents(p) if d["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


@pytest.mark.parametrize("path", RESOURCE_FILES, ids=lambda p: p.name)
def test_every_manifest_validates_strictly_against_the_schemas(path):
    for document in documents(path):
        kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


def test_the_validator_rejects_a_broken_manifest():
    # A misspelt field and a wrong type: proof that the check above can fail.
    deployment = copy.deepcopy(by_kind("Deployment"))
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGett"] = {"path": "/readyz"}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)
    deployment = copy.deepcopy(by_kind("Deployment"))
    deployment["spec"]["replicas"] = "one"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_every_kind_the_issue_asks_for_is_there():
    kinds = sorted(d["kind"] for p in RESOURCE_FILES for d in documents(p))
    assert kinds == sorted(
        ["Deployment", "Service", "Secret", "PersistentVolumeClaim", "PodDisruptionBudget", "HorizontalPodAutoscaler"]
    )
    listed = documents(MANIFESTS / "kustomization.yaml")[0]["resources"]
    # The Secret is a template to fill in, so kustomize applies everything else.
    assert sorted(listed) == sorted(p.name for p in RESOURCE_FILES if p.name != "secret.template.yaml")


def test_the_deployment_is_locked_down_and_probed():
    deployment = by_kind("Deployment")
    assert deployment["spec"]["replicas"] == 1
    pod = deployment["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    (container,) = pod["containers"]
    security = container["securityContext"]
    assert security["readOnlyRootFilesystem"] is True
    assert security["allowPrivilegeEscalation"] is False
    assert security["capabilities"]["drop"] == ["ALL"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    for kind in ("requests", "limits"):
        assert set(container["resources"][kind]) == {"cpu", "memory"}
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    claim = by_kind("PersistentVolumeClaim")["metadata"]["name"]
    assert pod["volumes"] == [{"name": "data", "persistentVolumeClaim": {"claimName": claim}}]
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert mounts["data"] == env["CLAUDE_ROUTER_DATA_DIR"] == "/data"
    assert container["ports"][0]["containerPort"] == int(env["CLAUDE_ROUTER_PORT"])


def test_one_replica_until_replicas_share_state():
    hpa = by_kind("HorizontalPodAutoscaler")
    assert hpa["spec"]["minReplicas"] == hpa["spec"]["maxReplicas"] == 1
    assert hpa["spec"]["scaleTargetRef"]["name"] == by_kind("Deployment")["metadata"]["name"]


def test_the_secret_template_holds_no_real_value():
    secret = by_kind("Secret")
    assert "data" not in secret
    for name, value in secret["stringData"].items():
        assert value.startswith("<") and value.endswith(">"), f"{name} looks like a real value"
