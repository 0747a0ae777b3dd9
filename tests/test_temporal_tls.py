"""A secured Temporal connection: the TEMPORAL_TLS* / TEMPORAL_API_KEY settings, their checks,
their mapping onto the SDK's client options, and a worker and the report API connecting over
real mutual TLS.

The dev server speaks plaintext only, so the TLS endpoint is a TLS-terminating proxy in front
of it (HTTP/2 negotiated by ALPN, client certificates required and checked against a test CA),
the way an mTLS ingress fronts a self-hosted cluster. The handshake, the certificates and the
gRPC traffic are all real; only the server side of TLS is the proxy's.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import ipaddress
import ssl
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fastapi.testclient import TestClient
from temporalio.api.enums.v1 import TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest, GetSystemInfoRequest
from temporalio.service import TLSConfig
from temporalio.testing import WorkflowEnvironment

from coordinator_node.api.app import create_app
from coordinator_node.settings import Settings, SettingsError, load_settings
from coordinator_node.temporal import connect, tls_config
from coordinator_node.worker import run_worker
from tests.conftest import make_settings
from tests.support import eventually

SERVER_NAME = "temporal.test"


# --- certificates ---------------------------------------------------------------------
@dataclass
class Pki:
    directory: Path
    files: dict[str, Path] = field(default_factory=dict)

    def path(self, name: str) -> str:
        return str(self.files[name])


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject: str, key: ec.EllipticCurvePrivateKey, issuer: str,
                 issuer_key: ec.EllipticCurvePrivateKey, *, ca: bool = False,
                 sans: list[x509.GeneralName] | None = None) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder()
               .subject_name(_name(subject)).issuer_name(_name(issuer))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(minutes=5))
               .not_valid_after(now + dt.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if sans:
        builder = builder.add_extension(x509.SubjectAlternativeName(sans), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def make_pki(directory: Path) -> Pki:
    """A CA, a server certificate for SERVER_NAME, a client certificate, and a client
    certificate from another CA (which the server must refuse)."""
    pki = Pki(directory)

    def write(name: str, data: bytes) -> None:
        pki.files[name] = directory / name
        pki.files[name].write_bytes(data)

    def key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
        return key.private_bytes(serialization.Encoding.PEM,
                                 serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())

    def cert_pem(cert: x509.Certificate) -> bytes:
        return cert.public_bytes(serialization.Encoding.PEM)

    ca_key, other_ca_key = ec.generate_private_key(ec.SECP256R1()), \
        ec.generate_private_key(ec.SECP256R1())
    write("ca.pem", cert_pem(_certificate("test CA", ca_key, "test CA", ca_key, ca=True)))
    server_key = ec.generate_private_key(ec.SECP256R1())
    write("server.pem", cert_pem(_certificate(
        SERVER_NAME, server_key, "test CA", ca_key,
        sans=[x509.DNSName(SERVER_NAME), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])))
    write("server.key", key_pem(server_key))
    client_key = ec.generate_private_key(ec.SECP256R1())
    write("client.pem", cert_pem(_certificate("coordinator-node", client_key, "test CA",
                                              ca_key)))
    write("client.key", key_pem(client_key))
    stranger_key = ec.generate_private_key(ec.SECP256R1())
    write("stranger.pem", cert_pem(_certificate("stranger", stranger_key, "other CA",
                                                other_ca_key)))
    write("stranger.key", key_pem(stranger_key))
    return pki


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


# --- the TLS endpoint -----------------------------------------------------------------
@dataclass
class TlsProxy:
    port: int
    clients: list[str]  # the verified client certificates' common names, one per connection


@contextlib.asynccontextmanager
async def tls_proxy(pki: Pki, target: str) -> AsyncIterator[TlsProxy]:
    """mTLS in front of the plaintext dev server: h2 by ALPN, client certificate required."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH, cafile=pki.path("ca.pem"))
    context.load_cert_chain(pki.path("server.pem"), pki.path("server.key"))
    context.verify_mode = ssl.CERT_REQUIRED
    context.set_alpn_protocols(["h2"])
    host, port = target.rsplit(":", 1)
    clients: list[str] = []
    pipes: set[asyncio.Task[None]] = set()

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peercert") or {}
        clients.append(next((value for rdn in peer.get("subject", ()) for key, value in rdn
                             if key == "commonName"), "?"))
        up_reader, up_writer = await asyncio.open_connection(host, int(port))
        for task in (pipe(reader, up_writer), pipe(up_reader, writer)):
            pipes.add(asyncio.create_task(task))

    server = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=context)
    try:
        yield TlsProxy(server.sockets[0].getsockname()[1], clients)
    finally:
        server.close()
        for task in pipes:
            task.cancel()
        await asyncio.gather(*pipes, return_exceptions=True)


# --- settings: checks and mapping -------------------------------------------------------
@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for name in ("TEMPORAL_TLS", "TEMPORAL_TLS_CERT", "TEMPORAL_TLS_KEY", "TEMPORAL_TLS_CA",
                 "TEMPORAL_TLS_SERVER_NAME", "TEMPORAL_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no developer .env
    yield


def test_plaintext_by_default(clean_env: None) -> None:
    settings = load_settings()
    assert not settings.temporal_uses_tls
    assert tls_config(settings) is False


def test_an_api_key_alone_means_tls_with_the_systems_cas(
        clean_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEMPORAL_API_KEY", "cloud-key")
    settings = load_settings()
    assert tls_config(settings) is True
    assert settings.temporal_api_key is not None
    assert settings.temporal_api_key.get_secret_value() == "cloud-key"
    assert "cloud-key" not in repr(settings)  # a secret, never logged


def test_tls_on_alone_uses_the_systems_cas(clean_env: None,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEMPORAL_TLS", "true")
    assert tls_config(load_settings()) is True


def test_files_and_pem_text_map_onto_the_sdks_tls_config(
        clean_env: None, monkeypatch: pytest.MonkeyPatch, pki: Pki) -> None:
    monkeypatch.setenv("TEMPORAL_TLS_CERT", pki.path("client.pem"))
    # The key as PEM text, as a secret store injects it into the environment.
    monkeypatch.setenv("TEMPORAL_TLS_KEY", pki.files["client.key"].read_text())
    monkeypatch.setenv("TEMPORAL_TLS_CA", pki.path("ca.pem"))
    monkeypatch.setenv("TEMPORAL_TLS_SERVER_NAME", SERVER_NAME)
    config = tls_config(load_settings())
    assert isinstance(config, TLSConfig)
    assert config.client_cert == pki.files["client.pem"].read_bytes()
    assert config.client_private_key == pki.files["client.key"].read_bytes()
    assert config.server_root_ca_cert == pki.files["ca.pem"].read_bytes()
    assert config.domain == SERVER_NAME


@pytest.mark.parametrize(("given", "message"), [
    ({"TEMPORAL_TLS_KEY": "client.key"},
     "TEMPORAL_TLS_KEY is set without TEMPORAL_TLS_CERT: mTLS needs the client certificate "
     "and its private key"),
    ({"TEMPORAL_TLS_CERT": "client.pem"},
     "TEMPORAL_TLS_CERT is set without TEMPORAL_TLS_KEY: mTLS needs the client certificate "
     "and its private key"),
])
def test_half_a_client_certificate_stops_start_up(
        clean_env: None, monkeypatch: pytest.MonkeyPatch, pki: Pki,
        given: dict[str, str], message: str) -> None:
    for name, file in given.items():
        monkeypatch.setenv(name, pki.path(file))
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert str(raised.value) == f"invalid configuration: {message}"


def test_an_unreadable_file_stops_start_up_naming_the_setting(
        clean_env: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "ca.pem"
    monkeypatch.setenv("TEMPORAL_TLS_CA", str(missing))
    with pytest.raises(SettingsError) as raised:
        load_settings()
    text = str(raised.value)
    assert text.startswith("invalid configuration: TEMPORAL_TLS_CA: Value error, cannot read ")
    assert str(missing) in text and "No such file or directory" in text


def test_a_file_without_pem_stops_start_up(clean_env: None, monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    not_pem = tmp_path / "cert.der"
    not_pem.write_bytes(b"\x30\x82\x01\x0a")
    monkeypatch.setenv("TEMPORAL_TLS_CERT", str(not_pem))
    monkeypatch.setenv("TEMPORAL_TLS_KEY", str(not_pem))
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert "TEMPORAL_TLS_CERT: Value error" in str(raised.value)
    assert "holds no PEM block" in str(raised.value)


# --- over the wire ----------------------------------------------------------------------
def tls_settings(database_url: str, proxy: TlsProxy, pki: Pki, task_queue: str,
                 client: str = "client") -> Settings:
    return make_settings(
        database_url, temporal_address=f"127.0.0.1:{proxy.port}",
        temporal_task_queue=task_queue, worker_bootstrap=False,
        temporal_tls_cert=pki.path(f"{client}.pem"), temporal_tls_key=pki.path(f"{client}.key"),
        temporal_tls_ca=pki.path("ca.pem"), temporal_tls_server_name=SERVER_NAME)


@pytest.mark.slow
async def test_a_worker_and_the_api_connect_over_mutual_tls(
        temporal_env: WorkflowEnvironment, sqlite_url: str, pki: Pki, task_queue: str) -> None:
    target = temporal_env.client.service_client.config.target_host
    async with tls_proxy(pki, target) as proxy:
        settings = tls_settings(sqlite_url, proxy, pki, task_queue)
        client = await connect(settings)
        info = await client.workflow_service.get_system_info(GetSystemInfoRequest())
        assert info.server_version

        stop = asyncio.Event()
        worker = asyncio.create_task(run_worker(settings, stop))
        try:
            async def polled() -> bool:
                answer = await temporal_env.client.workflow_service.describe_task_queue(
                    DescribeTaskQueueRequest(
                        namespace="default", task_queue=TaskQueue(name=task_queue),
                        task_queue_type=TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW))
                return bool(answer.pollers)
            await eventually(polled, within=30, what="the TLS worker polls its task queue")

            # The proxy runs on this event loop: the API's calls go from another thread.
            with TestClient(create_app(settings)) as api:
                async def ready() -> bool:
                    answer = await asyncio.to_thread(api.get, "/readyz")
                    return answer.status_code == 200 and answer.json()["temporal"] == {
                        "ok": True, "address": f"127.0.0.1:{proxy.port}",
                        "namespace": "default"}
                await eventually(ready, within=30, what="/readyz with Temporal over TLS")
        finally:
            stop.set()
            await asyncio.wait_for(worker, 30)
        # Every connection through the proxy presented the client certificate.
        assert proxy.clients and set(proxy.clients) == {"coordinator-node"}


@pytest.mark.slow
@pytest.mark.parametrize("wrong", ["stranger", "server name"])
async def test_a_bad_certificate_or_name_is_refused(
        temporal_env: WorkflowEnvironment, sqlite_url: str, pki: Pki, task_queue: str,
        wrong: str) -> None:
    target = temporal_env.client.service_client.config.target_host
    async with tls_proxy(pki, target) as proxy:
        settings = tls_settings(sqlite_url, proxy, pki, task_queue,
                                client="stranger" if wrong == "stranger" else "client")
        if wrong == "server name":
            settings = settings.model_copy(
                update={"temporal_tls_server_name": "elsewhere.test"})
        with pytest.raises(RuntimeError):
            await asyncio.wait_for(connect(settings), 20)
        assert "coordinator-node" not in proxy.clients
