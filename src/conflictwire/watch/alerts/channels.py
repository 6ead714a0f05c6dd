"""The two push channels: email over SMTP (smtplib) and a webhook signed with HMAC-SHA256.

Both carry the delivery's idempotency key (the email's Message-ID and an
`X-Conflictwire-Idempotency-Key` header; the webhook's `Idempotency-Key` header and body), so a
message sent twice after a crash is recognisably the same message. A failure raises
`DeliveryError`; the caller keeps the delivery pending and tries again later.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import ssl
import time
from email.message import EmailMessage
from email.utils import formatdate

import httpx

from ...errors import ConflictwireError
from ...ingest.fetch import FetchError, check_url
from ..config import SmtpConfig
from .render import Message

SIGNATURE_HEADER = "X-Conflictwire-Signature"
TIMESTAMP_HEADER = "X-Conflictwire-Timestamp"
KEY_HEADER = "Idempotency-Key"


class DeliveryError(ConflictwireError):
    """Delivery failed."""


def build_email(message: Message, *, sender: str, to: str, idempotency_key: str) -> EmailMessage:
    """A multipart email: plain text, and HTML with the map inline (cid:map) when there is one."""
    email = EmailMessage()
    email["Subject"] = message.subject
    email["From"] = sender
    email["To"] = to
    email["Date"] = formatdate(usegmt=True)
    email["Message-ID"] = f"<{idempotency_key}@conflictwire>"
    email["X-Conflictwire-Idempotency-Key"] = idempotency_key
    email.set_content(message.text)
    email.add_alternative(message.html, subtype="html")
    if message.map_png:
        html_part = email.get_payload()[1]
        html_part.add_related(message.map_png, "image", "png", cid="<map>", filename="map.png")
    return email


def send_email(email: EmailMessage, smtp: SmtpConfig) -> None:
    """Send over SMTP; raises DeliveryError when the server refuses, drops or cannot be reached."""
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as client:
            if smtp.starttls:
                client.starttls(context=ssl.create_default_context())
            if smtp.username:
                client.login(smtp.username, smtp.password)
            refused = client.send_message(email)
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"SMTP {smtp.host}:{smtp.port}: {type(exc).__name__}: {exc}") from exc
    if refused:
        raise DeliveryError(f"SMTP {smtp.host}:{smtp.port} refused {', '.join(refused)}")


def sign(body: bytes, secret: str, timestamp: str) -> str:
    """`sha256=<hex>`: HMAC-SHA256 with `secret` over `timestamp.body`.

    Signing the timestamp with the body lets a receiver refuse old replays; check it with
    `hmac.compare_digest(sign(body, secret, ts), header)`.
    """
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def post_webhook(
    url: str,
    payload: dict,
    *,
    secret: str,
    idempotency_key: str,
    timeout: float = 10.0,
    allow_private: bool = False,
    transport: httpx.BaseTransport | None = None,
) -> int:
    """POST the signed JSON `payload`; return the status. Raises DeliveryError unless 2xx."""
    try:
        check_url(url, allow_private=allow_private)
    except FetchError as exc:
        raise DeliveryError(str(exc)) from exc
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "conflictwire-webhook/0.1",
        KEY_HEADER: idempotency_key,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(body, secret, timestamp),
    }
    try:
        with httpx.Client(timeout=timeout, transport=transport, follow_redirects=False) as client:
            response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"webhook {url}: {type(exc).__name__}: {exc}") from exc
    if not 200 <= response.status_code < 300:
        raise DeliveryError(f"webhook {url}: HTTP {response.status_code}")
    return response.status_code
