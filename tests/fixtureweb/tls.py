"""A throwaway self-signed certificate, made with the ``openssl`` command-line tool."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

# The certificate is not trusted by anything (browsers pass --ignore-certificate-errors);
# the SANs are there so tools that print them show something sensible.
SUBJECT = "/CN=fixture-web.brightline.test"
SANS = "DNS:*.brightline.test,DNS:localhost,IP:127.0.0.1"


class CertificateError(RuntimeError):
    pass


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """Write ``cert.pem`` and ``key.pem`` (EC P-256, 2 days) into ``directory``."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise CertificateError("openssl not found: install it (apt-get install openssl)")
    cert, key = directory / "cert.pem", directory / "key.pem"
    cmd = [
        openssl,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "2",
        "-subj",
        SUBJECT,
        "-addext",
        f"subjectAltName={SANS}",
        "-keyout",
        str(key),
        "-out",
        str(cert),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CertificateError(f"openssl could not make a certificate: {done.stderr.strip()}")
    return cert, key


def server_context(directory: Path) -> ssl.SSLContext:
    cert, key = make_certificate(directory)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context
